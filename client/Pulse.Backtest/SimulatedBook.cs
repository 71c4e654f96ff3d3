using System.Text;
using Pulse.Health.Model.Policy;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Latent;
using Pulse.Simulation.Outcomes;
using Pulse.Simulation.Personas;
using Pulse.Simulation.Recording;

namespace Pulse.Backtest;

/// <summary>
/// A backtest on a synthetic book generated in memory: the simulator's history of <c>accounts</c> accounts over
/// <c>days</c> days (history only, <c>historical: true</c>, no network), in timestamp order, replayed through the
/// pure model exactly as a recorded file would be, against the hidden outcomes the simulator drew. Deterministic in
/// (seed, accounts, days, end).
/// <para>
/// Seeds are split so that defaults are not tuned to the data that judges them: <see cref="TuningSeeds"/> are for
/// trying policies out; <see cref="HeldOutSeeds"/> are for judging only — look at them once a change is decided.
/// </para>
/// </summary>
public static class SimulatedBook
{
    /// <summary>Seeds to tune policies on.</summary>
    public static readonly IReadOnlyList<long> TuningSeeds = [1, 2, 3];
    /// <summary>Seeds to judge defaults on, never to tune them on.</summary>
    public static readonly IReadOnlyList<long> HeldOutSeeds = [101, 102, 103, 104, 105];
    /// <summary>The fixed end of a simulated history (so a seed means the same book whatever day it runs).</summary>
    public static readonly DateTimeOffset DefaultEnd = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The generator options of one simulated book. Every persona episode falls in the history (none is left for a live phase).</summary>
    public static GeneratorOptions Options(long seed, int accounts, int days, DateTimeOffset? end = null) => new()
    {
        Seed = seed,
        Accounts = accounts,
        BackfillDays = days,
        Anchor = end ?? DefaultEnd,
        LiveOnsetShare = 0,
    };

    public static SimulatedRun Run(GeneratorOptions options, HealthPolicy baseline, HealthPolicy candidate, BacktestOptions backtest)
    {
        var generator = new CustomerGenerator(options);
        var labels = new Dictionary<string, OutcomeLabel>(StringComparer.Ordinal);
        var ceiling = new List<ScoredOutcome>(options.Accounts);
        foreach (var profile in generator.Profiles())
        {
            var latent = LatentAccount.For(options, profile);
            var truth = OutcomeModel.For(options, profile, latent);
            var churned = truth.Outcome == OutcomeKind.Churns;
            labels[truth.AccountId] = new OutcomeLabel(truth.AccountId, churned ? Outcome.Churns : truth.Outcome == OutcomeKind.Expands ? Outcome.Expands : Outcome.Renews,
                truth.At, truth.Persona.Name(), truth.Tier.Name());
            ceiling.Add(new ScoredOutcome(1 - latent.End, churned));
        }
        var naive = new NaiveScore(options.AnchorDay);
        var messages = new TimeOrderedHistory(generator).Messages().Select(m => { naive.Observe(m); return m; });
        using var reader = new MessageLines(messages.Select(m => Encoding.UTF8.GetString(m.Json.Span)));
        var report = BacktestRunner.Run(reader, $"simulated book (seed {options.Seed})", baseline, candidate, backtest, labels);
        return new SimulatedRun(options.Seed, options.Accounts, options.BackfillDays, report,
            ChurnMetrics.Auc(ceiling), ChurnMetrics.Auc(naive.Risks(id => labels.TryGetValue(id, out var l) && l.Outcome == Outcome.Churns)));
    }

    /// <summary>A text reader over lines produced on demand: the replay reads one day of the stream at a time.</summary>
    private sealed class MessageLines(IEnumerable<string> lines) : TextReader
    {
        private readonly IEnumerator<string> _lines = lines.GetEnumerator();

        public override string? ReadLine() => _lines.MoveNext() ? _lines.Current : null;

        protected override void Dispose(bool disposing)
        {
            if (disposing) _lines.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// One simulated book's backtest, with two references: the AUC of the hidden health itself (the ceiling — churn is
/// drawn from it with noise, so no score can do better on average) and the AUC of <see cref="NaiveScore"/>, a plain
/// average of usage, tickets, NPS and payment signals read from the same events.
/// </summary>
public sealed record SimulatedRun(long Seed, int Accounts, int Days, BacktestReport Report, double? LatentAuc, double? NaiveAuc);

/// <summary>The mean over seeds of each policy's figures and of the two reference AUCs.</summary>
public sealed record SimulatedMean(ChurnSummary Baseline, ChurnSummary Candidate, double? LatentAuc, double? NaiveAuc)
{
    public static SimulatedMean Of(IReadOnlyList<SimulatedRun> runs)
    {
        double? Mean(Func<SimulatedRun, double?> f) => runs.Count == 0 || runs.Any(r => f(r) is null) ? null : runs.Average(r => f(r)!.Value);
        return new SimulatedMean(
            ChurnSummary.Mean(runs.Select(r => ChurnSummary.Of(r.Report.Baseline)).ToList()),
            ChurnSummary.Mean(runs.Select(r => ChurnSummary.Of(r.Report.Candidate)).ToList()),
            Mean(r => r.LatentAuc), Mean(r => r.NaiveAuc));
    }
}
