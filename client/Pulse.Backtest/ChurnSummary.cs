namespace Pulse.Backtest;

/// <summary>
/// The figures a CS leader compares across books and seeds, for one policy: AUC, precision/recall of Red, Red+Yellow
/// and AtRisk, how many accounts are AtRisk, lift in the riskiest 10 % and the base churn rate. <see cref="Mean"/>
/// averages them over seeds (a figure missing in any seed is missing in the mean).
/// </summary>
public sealed record ChurnSummary(
    double? Auc,
    double? RedPrecision, double? RedRecall,
    double? RedOrYellowPrecision, double? RedOrYellowRecall,
    double AtRisk, double? AtRiskPrecision, double? AtRiskRecall,
    double? LiftTop10, double? BaseRate)
{
    public static ChurnSummary Of(PolicyResult policy)
    {
        var c = policy.Churn;
        return new ChurnSummary(c?.Auc, c?.Red.Precision, c?.Red.Recall, c?.RedOrYellow.Precision, c?.RedOrYellow.Recall,
            policy.AtRisk, c?.AtRisk.Precision, c?.AtRisk.Recall, c?.LiftTop10, c?.BaseRate);
    }

    public static ChurnSummary Mean(IReadOnlyList<ChurnSummary> runs)
    {
        double? Avg(Func<ChurnSummary, double?> f) => runs.Count == 0 || runs.Any(r => f(r) is null) ? null : runs.Average(r => f(r)!.Value);
        return new ChurnSummary(Avg(r => r.Auc), Avg(r => r.RedPrecision), Avg(r => r.RedRecall), Avg(r => r.RedOrYellowPrecision),
            Avg(r => r.RedOrYellowRecall), Avg(r => r.AtRisk) ?? 0, Avg(r => r.AtRiskPrecision), Avg(r => r.AtRiskRecall),
            Avg(r => r.LiftTop10), Avg(r => r.BaseRate));
    }
}
