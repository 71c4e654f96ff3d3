using Pulse.Simulation.Latency;

namespace Pulse.Simulation.Replay;

/// <summary>The final report of a replay.</summary>
public sealed record ReplaySummary
{
    public required SimulationOutcome Outcome { get; init; }
    public string? FailureReason { get; init; }
    public required Uri Target { get; init; }
    public required string Path { get; init; }
    public required string Pace { get; init; }
    public required bool Historical { get; init; }
    public required long Read { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    public required long Retries { get; init; }
    public required long Requests { get; init; }
    public required long Probes { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Largest lag behind the schedule; null when there was no schedule (as fast as accepted).</summary>
    public required TimeSpan? MaxLag { get; init; }
    public required LatencySummary? Latency { get; init; }
    public required long ProbesLost { get; init; }
    public required IReadOnlyDictionary<string, long> ErrorsByReason { get; init; }

    /// <summary>Accepted events per second over the whole run (probes included).</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Accepted / Elapsed.TotalSeconds : 0;
}
