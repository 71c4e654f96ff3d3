namespace Pulse.Simulation;

/// <summary>A consistent-enough snapshot of a run in progress (counters are read one by one, without a global lock).</summary>
public sealed record SimulationProgress
{
    public required SimulationPhase Phase { get; init; }
    /// <summary>Since <see cref="SimulationRunner.RunAsync"/> started.</summary>
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Time spent in the live phase so far (zero before it).</summary>
    public required TimeSpan LiveElapsed { get; init; }
    /// <summary>Planned length of the live phase; null = until cancelled.</summary>
    public required TimeSpan? LiveDuration { get; init; }
    public required int Accounts { get; init; }
    /// <summary>Accounts whose history has been generated and handed to a connection.</summary>
    public required int AccountsBackfilled { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    public required long Retries { get; init; }
    /// <summary>Accepted events per second over the last two seconds.</summary>
    public required double EventsPerSecond { get; init; }
    public required string? LastError { get; init; }
    public required IReadOnlyDictionary<string, long> ErrorsByReason { get; init; }

    /// <summary>Progress of the current phase in [0, 1], or null when it has no end (live until cancelled).</summary>
    public double? PhaseFraction => Phase switch
    {
        SimulationPhase.Backfill => Accounts == 0 ? 1 : Math.Clamp(AccountsBackfilled / (double)Accounts, 0, 1),
        SimulationPhase.Live => LiveDuration is { } d ? (d <= TimeSpan.Zero ? 1 : Math.Clamp(LiveElapsed / d, 0, 1)) : null,
        SimulationPhase.NotStarted => 0,
        _ => 1,
    };
}
