namespace Pulse.Simulation;

public enum SimulationPhase
{
    NotStarted,
    /// <summary>Sending history (<c>historical: true</c>) as fast as the server accepts it.</summary>
    Backfill,
    /// <summary>Sending live events at the target rate.</summary>
    Live,
    Completed,
    Cancelled,
    Failed,
}

public enum SimulationOutcome
{
    /// <summary>Backfill and live phase ran to the end (duration reached).</summary>
    Completed,
    /// <summary>Stopped by the caller's cancellation token.</summary>
    Cancelled,
    /// <summary>Stopped by an error that makes going on pointless (server unreachable, write key refused).</summary>
    Failed,
}
