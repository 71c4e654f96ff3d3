namespace Pulse.Backtest;

/// <summary>The result of a backtest: the stream, each policy's bands and churn prediction, and what differs between them.</summary>
public sealed record BacktestReport(
    StreamSummary Stream,
    PolicyResult Baseline,
    PolicyResult Candidate,
    BandChanges BandChanges,
    LabelCoverage? Labels);
