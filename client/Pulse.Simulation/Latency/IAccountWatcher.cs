namespace Pulse.Simulation.Latency;

/// <summary>
/// Something that watches accounts on the wall (the SignalR hub's <c>Watch</c>) and reports each update's
/// <c>eventsApplied</c> to a <see cref="LatencyTracker"/>. The replay runner only needs to start watches.
/// </summary>
public interface IAccountWatcher
{
    /// <summary>Watches an account; returns its events applied so far (0 for an account never seen).</summary>
    Task<long> WatchAsync(string accountId, CancellationToken cancellationToken);
}
