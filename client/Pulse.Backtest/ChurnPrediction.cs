namespace Pulse.Backtest;

/// <summary>
/// How well one policy predicted churn over the labelled accounts: the red band as a yes/no prediction (confusion counts,
/// precision, recall) and the score as a risk ranking (AUC). A metric whose denominator is zero is null, not 0 or NaN:
/// "no account was red" is not "every red account was wrong".
/// </summary>
public sealed record ChurnPrediction(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives,
    double? Precision, double? Recall, double? Auc);
