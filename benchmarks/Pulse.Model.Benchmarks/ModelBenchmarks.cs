using BenchmarkDotNet.Attributes;
using Pulse.Health.Model;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Model.Benchmarks;

/// <summary>
/// The pure core's two hot paths, per operation: applying one event (<see cref="HealthEngine.Apply"/>) and a time-driven
/// evaluation (<see cref="HealthEngine.Evaluate"/>). Events/s on one core = 1e9 / Mean(ns); Allocated = bytes per event.
/// </summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    /// <summary>Events replayed per invocation (a constant because OperationsPerInvoke must be one).</summary>
    public const int EventCount = 100_000;
    public const int Accounts = 2_000;
    private const int BackfillDays = 60;

    private EventWorkload _workload = null!;
    private HealthPolicy _policy = null!;
    private AccountHealth[] _states = [];
    private AccountHealth[] _evaluated = [];
    private DateTimeOffset _evaluateAt;

    [GlobalSetup]
    public void Setup()
    {
        _workload = EventWorkload.Create(Accounts, BackfillDays, EventCount);
        _policy = DefaultPolicy.Create();
        // Evaluation runs on accounts that have lived through the whole workload.
        _evaluated = Replay(_workload, _policy);
        _evaluateAt = _workload.LastEventAt.AddHours(6);
        foreach (var s in _evaluated) HealthEngine.Evaluate(s, _evaluateAt, _policy);
    }

    /// <summary>Every iteration starts from new accounts, so each event is applied for the first time (not a duplicate).</summary>
    [IterationSetup(Target = nameof(ApplyEvent))]
    public void NewAccounts() => _states = _workload.AccountIds.Select(id => new AccountHealth(id)).ToArray();

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ApplyEvent()
    {
        var events = _workload.Events;
        var accountOf = _workload.AccountOf;
        var receivedAt = _workload.ReceivedAt;
        var states = _states;
        var policy = _policy;
        for (var i = 0; i < events.Length; i++)
            HealthEngine.Apply(states[accountOf[i]], events[i], policy, receivedAt[i]);
    }

    [Benchmark(OperationsPerInvoke = Accounts)]
    public void EvaluateTime()
    {
        var states = _evaluated;
        var policy = _policy;
        var at = _evaluateAt;
        for (var i = 0; i < states.Length; i++)
            HealthEngine.Evaluate(states[i], at, policy);
    }

    internal static AccountHealth[] Replay(EventWorkload workload, HealthPolicy policy)
    {
        var states = workload.AccountIds.Select(id => new AccountHealth(id)).ToArray();
        for (var i = 0; i < workload.Events.Length; i++)
            HealthEngine.Apply(states[workload.AccountOf[i]], workload.Events[i], policy, workload.ReceivedAt[i]);
        return states;
    }
}
