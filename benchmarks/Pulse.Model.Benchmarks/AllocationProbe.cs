using Pulse.Health.Model;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Model.Benchmarks;

/// <summary>
/// Where the hot path allocates, by event kind: replays the benchmark's workload once to warm up, then again on new
/// accounts measuring this thread's allocated bytes around each Apply. Not a timing: allocation counts are exact.
/// </summary>
public static class AllocationProbe
{
    public static void Run(TextWriter output)
    {
        var workload = EventWorkload.Create(ModelBenchmarks.Accounts, 60, ModelBenchmarks.EventCount);
        var policy = DefaultPolicy.Create();
        ModelBenchmarks.Replay(workload, policy); // JIT, static caches, per-thread scratch
        var states = workload.AccountIds.Select(id => new AccountHealth(id)).ToArray();

        var bytes = new Dictionary<EventKind, (long Count, long Bytes, long Allocating)>();
        long total = 0;
        for (var i = 0; i < workload.Events.Length; i++)
        {
            var e = workload.Events[i];
            var before = GC.GetAllocatedBytesForCurrentThread();
            HealthEngine.Apply(states[workload.AccountOf[i]], e, policy, workload.ReceivedAt[i]);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            total += allocated;
            var (count, sum, allocating) = bytes.GetValueOrDefault(e.Kind);
            bytes[e.Kind] = (count + 1, sum + allocated, allocating + (allocated > 0 ? 1 : 0));
        }

        output.WriteLine($"Apply: {workload.Events.Length:N0} events on {states.Length:N0} new accounts, {total:N0} bytes, {(double)total / workload.Events.Length:N1} bytes/event");
        output.WriteLine("| event kind | events | share | bytes/event | events that allocate |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (kind, (count, sum, allocating)) in bytes.OrderByDescending(b => b.Value.Bytes))
            output.WriteLine($"| {kind} | {count:N0} | {(double)count / workload.Events.Length:P1} | {(double)sum / count:N1} | {(double)allocating / count:P0} |");

        var at = workload.LastEventAt.AddHours(6);
        foreach (var s in states) HealthEngine.Evaluate(s, at, policy);
        var start = GC.GetAllocatedBytesForCurrentThread();
        foreach (var s in states) HealthEngine.Evaluate(s, at, policy);
        var evaluateBytes = GC.GetAllocatedBytesForCurrentThread() - start;
        output.WriteLine($"Evaluate: {states.Length:N0} accounts, {(double)evaluateBytes / states.Length:N1} bytes/evaluation");

        AllocationSites.Run(workload, policy, output);
        if (ThreadCpuClock.IsAvailable) CpuTime(workload, policy, output);
    }

    /// <summary>
    /// Apply throughput by the thread's CPU time (not wall time) over a few full replays on new accounts; the best and
    /// the median replay are printed. The figure the benchmark's wall-clock Mean would give on an idle core.
    /// </summary>
    private static void CpuTime(EventWorkload workload, HealthPolicy policy, TextWriter output)
    {
        const int replays = 7;
        var perEvent = new List<double>();
        for (var r = 0; r < replays; r++)
        {
            var states = workload.AccountIds.Select(id => new AccountHealth(id)).ToArray();
            var start = ThreadCpuClock.Now();
            for (var i = 0; i < workload.Events.Length; i++)
                HealthEngine.Apply(states[workload.AccountOf[i]], workload.Events[i], policy, workload.ReceivedAt[i]);
            perEvent.Add((ThreadCpuClock.Now() - start).TotalNanoseconds / workload.Events.Length);
        }
        perEvent.Sort();
        double best = perEvent[0], median = perEvent[replays / 2];
        output.WriteLine($"Apply by thread CPU time over {replays} replays of {workload.Events.Length:N0} events: best {best:N0} ns/event "
            + $"({1e9 / best:N0} events/s), median {median:N0} ns/event ({1e9 / median:N0} events/s)");
    }
}
