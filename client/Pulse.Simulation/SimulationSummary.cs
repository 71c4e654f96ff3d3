namespace Pulse.Simulation;

/// <summary>The result of a run. Every sent event is counted once as accepted, rejected or failed (not delivered).</summary>
public sealed record SimulationSummary
{
    public required SimulationOutcome Outcome { get; init; }
    /// <summary>Why the run failed (set when <see cref="Outcome"/> is <see cref="SimulationOutcome.Failed"/>).</summary>
    public string? FailureReason { get; init; }
    public required Uri Target { get; init; }
    public required int Accounts { get; init; }
    public required long Seed { get; init; }
    /// <summary>The "now" the history was generated against.</summary>
    public required DateTimeOffset StartTime { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    /// <summary>Requests sent again (after 429/503 Retry-After, connection errors, timeouts, 5xx).</summary>
    public required long Retries { get; init; }
    public required long Requests { get; init; }
    public required long BackfillSent { get; init; }
    public required long LiveSent { get; init; }
    public required long LiveAccepted { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required TimeSpan BackfillElapsed { get; init; }
    public required TimeSpan LiveElapsed { get; init; }
    /// <summary>
    /// Reason → count: events for per-message rejections (from 207/400 bodies), requests for HTTP statuses and
    /// connection errors. Most frequent first.
    /// </summary>
    public required IReadOnlyDictionary<string, long> ErrorsByReason { get; init; }

    /// <summary>Accepted events per second over the whole run.</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Accepted / Elapsed.TotalSeconds : 0;
    /// <summary>Accepted live events per second over the live phase (the rate-limited part).</summary>
    public double LiveEventsPerSecond => LiveElapsed > TimeSpan.Zero ? LiveAccepted / LiveElapsed.TotalSeconds : 0;
    /// <summary>True when the run completed and the server accepted something.</summary>
    public bool Succeeded => Outcome == SimulationOutcome.Completed && Accepted > 0;
}
