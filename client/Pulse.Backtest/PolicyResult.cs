namespace Pulse.Backtest;

/// <summary>What one policy made of the stream: its version, the band counts, how many accounts it flagged AtRisk and, with labels, its churn prediction.</summary>
public sealed record PolicyResult(string Version, BandCounts Bands, int AtRisk, ChurnPrediction? Churn);
