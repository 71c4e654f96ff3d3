using Pulse.Ingest.Segment;

namespace Pulse.Backtest;

/// <summary>How to run a backtest.</summary>
public sealed record BacktestOptions
{
    /// <summary>
    /// Evaluate every account at this time, ignoring events stamped after it (a prediction must not see the future).
    /// Null: the time of the latest event in the stream.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }
    /// <summary>How many band-changing accounts to list (the largest score moves first).</summary>
    public int SampleSize { get; init; } = 20;
    /// <summary>Skip lines ingest would reject (counted and reported) instead of stopping at the first one.</summary>
    public bool SkipInvalid { get; init; }
    /// <summary>The per-message limits ingest enforces; the defaults are ingest's defaults.</summary>
    public SegmentLimits Limits { get; init; } = new();
}
