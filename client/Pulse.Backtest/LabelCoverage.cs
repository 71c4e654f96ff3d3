namespace Pulse.Backtest;

/// <summary>How the labels file lined up with the stream: the churn metrics cover <see cref="Matched"/> accounts only.</summary>
public sealed record LabelCoverage(int Labels, int Matched, int Churned, int LabelsWithoutEvents, int AccountsWithoutLabel);
