namespace Pulse.Backtest;

/// <summary>One labelled account as the metrics see it: its risk (higher = more likely to churn), whether the policy
/// flagged it (red band) and whether it churned.</summary>
public readonly record struct ScoredOutcome(double Risk, bool Flagged, bool Churned);

/// <summary>Precision and recall of a yes/no churn flag, and the ROC AUC of a risk score, with ties handled properly.</summary>
public static class ChurnMetrics
{
    public static ChurnPrediction Compute(IReadOnlyList<ScoredOutcome> outcomes)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var o in outcomes)
        {
            if (o.Flagged && o.Churned) tp++;
            else if (o.Flagged) fp++;
            else if (o.Churned) fn++;
            else tn++;
        }
        double? precision = tp + fp == 0 ? null : (double)tp / (tp + fp);
        double? recall = tp + fn == 0 ? null : (double)tp / (tp + fn);
        return new ChurnPrediction(tp, fp, fn, tn, precision, recall, Auc(outcomes));
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

        var sorted = outcomes.OrderBy(o => o.Risk).ToArray();
        double positiveRankSum = 0;
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            while (end + 1 < sorted.Length && sorted[end + 1].Risk == sorted[start].Risk) end++;
            // Ranks are 1-based; a run of equal risks from start to end shares the mean of its ranks.
            var midRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
                if (sorted[i].Churned) positiveRankSum += midRank;
            start = end + 1;
        }
        var u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }
}
