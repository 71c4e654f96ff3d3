using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest;

/// <summary>One labelled account as the metrics see it: its risk (higher = more likely to churn) and whether it churned.</summary>
public readonly record struct ScoredOutcome(double Risk, bool Churned);

/// <summary>One labelled account under one policy: its final score and band, whether the model flagged it AtRisk, and whether it churned.</summary>
public readonly record struct LabelledAccount(double Score, Band Band, bool AtRisk, bool Churned)
{
    /// <summary>The churn risk a score stands for: 100 − score (a lower health score is a higher risk).</summary>
    public double Risk => 100 - Score;
}

/// <summary>
/// What a CS leader asks of a health score over accounts with known outcomes: does it rank churners first (AUC), are
/// its flags worth a call (precision and recall of Red, Red+Yellow and AtRisk), do its numbers mean what they say
/// (churn rate per band and per score decile) and how much better than chance is its riskiest tenth (lift).
/// </summary>
public static class ChurnMetrics
{
    public const int Deciles = 10;

    public static ChurnPrediction Compute(IReadOnlyList<LabelledAccount> accounts)
    {
        var churned = accounts.Count(a => a.Churned);
        double? baseRate = accounts.Count == 0 ? null : (double)churned / accounts.Count;
        var risks = accounts.Select(a => new ScoredOutcome(a.Risk, a.Churned)).ToList();
        var deciles = RiskDeciles(risks);
        double? lift = baseRate is > 0 && deciles.Count > 0 && deciles[0].Rate is { } top ? top / baseRate : null;
        return new ChurnPrediction(
            accounts.Count, churned, baseRate, Auc(risks),
            Flag(accounts.Select(a => (a.Band == Band.Red, a.Churned))),
            Flag(accounts.Select(a => (a.Band is Band.Red or Band.Yellow, a.Churned))),
            Flag(accounts.Select(a => (a.AtRisk, a.Churned))),
            Enum.GetValues<Band>().Select(b => Group(b.ToString(), accounts.Where(a => a.Band == b).Select(a => a.Churned))).ToList(),
            deciles,
            lift);
    }

    /// <summary>Precision and recall of a yes/no churn flag. A metric whose denominator is zero is null.</summary>
    public static FlagScore Flag(IEnumerable<(bool Flagged, bool Churned)> outcomes)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (flagged, churned) in outcomes)
        {
            if (flagged && churned) tp++;
            else if (flagged) fp++;
            else if (churned) fn++;
            else tn++;
        }
        return new FlagScore(tp + fp, tp, fp, fn, tn,
            tp + fp == 0 ? null : (double)tp / (tp + fp),
            tp + fn == 0 ? null : (double)tp / (tp + fn));
    }

    private static GroupChurn Group(string name, IEnumerable<bool> churned)
    {
        int n = 0, c = 0;
        foreach (var x in churned) { n++; if (x) c++; }
        return new GroupChurn(name, n, c, n == 0 ? null : (double)c / n);
    }

    /// <summary>
    /// The probability that a randomly chosen churner carries a higher risk than a randomly chosen non-churner, a tie
    /// counting one half (the Mann–Whitney U statistic over n₊·n₋). Computed from mid-ranks, so equal risks — common,
    /// since many accounts share a score — neither inflate nor deflate it. Null when either class is empty.
    /// </summary>
    public static double? Auc(IReadOnlyList<ScoredOutcome> outcomes)
    {
        var positives = 0;
        foreach (var o in outcomes) if (o.Churned) positives++;
        var negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0) return null;

        var ranks = MidRanks(outcomes.Select(o => o.Risk).ToArray());
        double positiveRankSum = 0;
        for (var i = 0; i < outcomes.Count; i++)
            if (outcomes[i].Churned) positiveRankSum += ranks[i];
        var u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// Churn per tenth of the accounts ranked riskiest first (decile 1 = the riskiest 10 %). Decile k holds positions
    /// [⌊(k−1)·n/10⌉, ⌊k·n/10⌉). Accounts with equal risk have no order, so a run of ties that straddles a boundary is
    /// shared pro rata: each decile it overlaps gets its share of the run's churners (the expected count under a random
    /// tie-break) — hundreds of accounts on one score cannot make a decile look better or worse than the score says.
    /// Fewer than ten accounts: no deciles.
    /// </summary>
    public static IReadOnlyList<DecileChurn> RiskDeciles(IReadOnlyList<ScoredOutcome> outcomes)
    {
        var n = outcomes.Count;
        if (n < Deciles) return [];
        var sorted = outcomes.OrderByDescending(o => o.Risk).ToArray();
        var runs = TiedRuns(sorted);
        var result = new List<DecileChurn>(Deciles);
        for (var k = 0; k < Deciles; k++)
        {
            int from = Boundary(k, n), to = Boundary(k + 1, n);
            double churned = 0;
            foreach (var run in runs)
            {
                var overlap = Math.Min(to, run.End) - Math.Max(from, run.Start);
                if (overlap > 0) churned += (double)run.Churned * overlap / (run.End - run.Start);
            }
            result.Add(new DecileChurn(k + 1, to - from, churned, to > from ? churned / (to - from) : null,
                sorted[from].Risk, sorted[to - 1].Risk));
        }
        return result;
    }

    /// <summary>Each value's 1-based rank in ascending order; a run of equal values shares the mean of its ranks.</summary>
    public static double[] MidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (var i = start; i <= end; i++) ranks[order[i]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }

    private static int Boundary(int k, int n) => (int)Math.Round((double)k * n / Deciles, MidpointRounding.AwayFromZero);

    /// <summary>Runs of equal risk in a sorted array: positions [Start, End) and how many of them churned.</summary>
    private static List<(int Start, int End, int Churned)> TiedRuns(ScoredOutcome[] sorted)
    {
        var runs = new List<(int, int, int)>();
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            var churned = 0;
            while (end < sorted.Length && sorted[end].Risk == sorted[start].Risk)
            {
                if (sorted[end].Churned) churned++;
                end++;
            }
            runs.Add((start, end, churned));
            start = end;
        }
        return runs;
    }
}
