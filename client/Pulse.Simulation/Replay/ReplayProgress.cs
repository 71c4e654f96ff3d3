using Pulse.Simulation.Latency;

namespace Pulse.Simulation.Replay;

/// <summary>A snapshot of a replay in progress (counters read one by one, without a global lock).</summary>
public sealed record ReplayProgress
{
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Share of the file read, from its byte position (compressed bytes for .gz).</summary>
    public required double FileFraction { get; init; }
    public required long Read { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    public required long Retries { get; init; }
    /// <summary>Accepted events per second over the last two seconds.</summary>
    public required double EventsPerSecond { get; init; }
    /// <summary>How far the send lags behind the schedule (speed or rate), now; null when there is no schedule.</summary>
    public required TimeSpan? Lag { get; init; }
    public required TimeSpan MaxLag { get; init; }
    public required LatencySummary? Latency { get; init; }
    public required long ProbesLost { get; init; }
    public required string? LastError { get; init; }
    public required bool Done { get; init; }
}
