namespace Pulse.Backtest;

/// <summary>
/// How well one policy predicted churn over the labelled accounts: the score as a risk ranking (AUC of 100 − score),
/// three yes/no flags (Red, Red or Yellow, AtRisk), calibration (churn rate per band and per score decile, riskiest
/// first) and the lift of the riskiest tenth (its churn rate over the base rate). A metric whose denominator is zero
/// is null, not 0 or NaN: "no account was red" is not "every red account was wrong".
/// </summary>
public sealed record ChurnPrediction(
    int Accounts,
    int Churned,
    double? BaseRate,
    double? Auc,
    FlagScore Red,
    FlagScore RedOrYellow,
    FlagScore AtRisk,
    IReadOnlyList<GroupChurn> Bands,
    IReadOnlyList<DecileChurn> Deciles,
    double? LiftTop10);

/// <summary>A yes/no churn prediction: how many accounts it flagged, the confusion counts, precision and recall.</summary>
public sealed record FlagScore(int Flagged, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives,
    double? Precision, double? Recall);

/// <summary>Churn within a group of accounts (a band): how many, how many churned, the rate.</summary>
public sealed record GroupChurn(string Group, int Accounts, int Churned, double? Rate);

/// <summary>
/// Churn within one tenth of the accounts ranked by risk (decile 1 = riskiest): its size, the churners it holds (a
/// fraction when a run of tied scores straddles its edge), the rate, and the risk (100 − score) at its two ends.
/// </summary>
public sealed record DecileChurn(int Decile, int Accounts, double Churned, double? Rate, double HighestRisk, double LowestRisk);
