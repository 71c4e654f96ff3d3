using Pulse.Health.Model;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Backtest;

/// <summary>
/// Replays a recorded stream through two policies with the pure model — the same calls the account grain makes, in
/// stream order, routed as ingest routes — then evaluates every account at one time and compares the policies.
/// Each policy gets its own account states: a policy shapes state (bands with hysteresis, lifecycle, cooldowns), so
/// sharing one state would leak the baseline's history into the candidate. When both are the same policy object the
/// replay runs once and both sides share it (same policy, same states: half the work).
/// </summary>
public static class BacktestRunner
{
    private const int InvalidSampleSize = 10;

    public static BacktestReport Run(TextReader stream, string streamName, HealthPolicy baseline, HealthPolicy candidate,
        BacktestOptions options, IReadOnlyDictionary<string, OutcomeLabel>? labels = null)
    {
        var accounts = new Dictionary<string, (AccountHealth Baseline, AccountHealth Candidate)>(StringComparer.Ordinal);
        var samePolicy = ReferenceEquals(baseline, candidate);
        var links = new UserAccountLinks();
        var invalid = new List<string>();
        int messages = 0, applied = 0, duplicates = 0, afterAsOf = 0, invalidCount = 0;
        DateTimeOffset? first = null, last = null;

        Action<BacktestInputException>? onInvalid = options.SkipInvalid
            ? error => { invalidCount++; if (invalid.Count < InvalidSampleSize) invalid.Add(error.Message); }
            : null;
        foreach (var message in RecordedStreamReader.Read(stream, streamName, options.Limits, onInvalid))
        {
            messages++;
            var e = message.Parsed.Event!;
            if (options.AsOf is { } asOf && e.Timestamp > asOf)
            {
                afterAsOf++;
                continue;
            }
            var accountId = links.Route(message.Parsed);
            if (!accounts.TryGetValue(accountId, out var states))
            {
                var state = new AccountHealth(accountId);
                accounts[accountId] = states = (state, samePolicy ? state : new AccountHealth(accountId));
            }
            var change = HealthEngine.Apply(states.Baseline, e, baseline, message.ReceivedAt);
            if (!samePolicy) HealthEngine.Apply(states.Candidate, e, candidate, message.ReceivedAt);
            if (change.WasDuplicate) { duplicates++; continue; }
            applied++;
            if (first is null || e.Timestamp < first) first = e.Timestamp;
            if (last is null || e.Timestamp > last) last = e.Timestamp;
        }

        var evaluatedAt = options.AsOf ?? last;
        var comparisons = new List<AccountComparison>(accounts.Count);
        foreach (var (id, states) in accounts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            // Time-driven rules (decay, inactivity, windows) apply up to the evaluation time, as the grain's timer would.
            HealthEngine.Evaluate(states.Baseline, evaluatedAt!.Value, baseline);
            if (!samePolicy) HealthEngine.Evaluate(states.Candidate, evaluatedAt.Value, candidate);
            comparisons.Add(new AccountComparison(id, states.Baseline.Score, states.Baseline.Band!.Value,
                states.Candidate.Score, states.Candidate.Band!.Value,
                states.Baseline.Flags.HasFlag(LifecycleFlags.AtRisk), states.Candidate.Flags.HasFlag(LifecycleFlags.AtRisk)));
        }

        var summary = new StreamSummary
        {
            Messages = messages,
            Applied = applied,
            Duplicates = duplicates,
            AfterAsOf = afterAsOf,
            InvalidSkipped = invalidCount,
            InvalidSample = invalid,
            Accounts = accounts.Count,
            FirstEventAt = first,
            LastEventAt = last,
            EvaluatedAt = evaluatedAt,
        };
        var coverage = labels is null ? null : Coverage(comparisons, labels);
        return new BacktestReport(
            summary,
            new PolicyResult(baseline.Version, BandCounts.Of(comparisons.Select(c => c.BaselineBand)), comparisons.Count(c => c.BaselineAtRisk),
                labels is null ? null : Predict(comparisons, labels, c => (c.BaselineScore, c.BaselineBand, c.BaselineAtRisk))),
            new PolicyResult(candidate.Version, BandCounts.Of(comparisons.Select(c => c.CandidateBand)), comparisons.Count(c => c.CandidateAtRisk),
                labels is null ? null : Predict(comparisons, labels, c => (c.CandidateScore, c.CandidateBand, c.CandidateAtRisk))),
            Changes(comparisons, options.SampleSize),
            coverage);
    }

    private static BandChanges Changes(List<AccountComparison> comparisons, int sampleSize)
    {
        var changed = comparisons.Where(c => c.BandChanged).ToList();
        var transitions = changed
            .GroupBy(c => (c.BaselineBand, c.CandidateBand))
            .Select(g => new BandTransition(g.Key.BaselineBand, g.Key.CandidateBand, g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.From).ThenBy(t => t.To)
            .ToList();
        // The largest moves first: they are the ones a reviewer of a policy change wants to look at.
        var sample = changed
            .OrderByDescending(c => Math.Abs(c.CandidateScore - c.BaselineScore))
            .ThenBy(c => c.AccountId, StringComparer.Ordinal)
            .Take(Math.Max(0, sampleSize))
            .ToList();
        return new BandChanges(changed.Count, transitions, sample);
    }

    private static ChurnPrediction Predict(List<AccountComparison> comparisons, IReadOnlyDictionary<string, OutcomeLabel> labels,
        Func<AccountComparison, (double Score, Band Band, bool AtRisk)> under)
    {
        var outcomes = new List<LabelledAccount>();
        foreach (var c in comparisons)
        {
            if (!labels.TryGetValue(c.AccountId, out var label)) continue;
            var (score, band, atRisk) = under(c);
            outcomes.Add(new LabelledAccount(score, band, atRisk, label.Outcome == Outcome.Churns));
        }
        return ChurnMetrics.Compute(outcomes);
    }

    private static LabelCoverage Coverage(List<AccountComparison> comparisons, IReadOnlyDictionary<string, OutcomeLabel> labels)
    {
        int matched = 0, churned = 0;
        foreach (var c in comparisons)
        {
            if (!labels.TryGetValue(c.AccountId, out var label)) continue;
            matched++;
            if (label.Outcome == Outcome.Churns) churned++;
        }
        return new LabelCoverage(labels.Count, matched, churned, labels.Count - matched, comparisons.Count - matched);
    }
}
