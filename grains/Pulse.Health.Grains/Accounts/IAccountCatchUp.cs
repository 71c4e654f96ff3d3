using Orleans.Streams;
using Pulse.Health.Model.Events;

namespace Pulse.Health.Grains.Accounts;

/// <summary>
/// Durable profiles only: where an account re-reads, on activation, the events committed after the log position it
/// last persisted (a crashed silo loses the write-behind window, never the events). Also tells the account to skip
/// stream deliveries at or before its position (redelivery after a partition moves).
/// </summary>
public interface IAccountCatchUp
{
    /// <summary>False in the embedded profile: no log to catch up from, and stream positions are not tracked.</summary>
    bool Enabled { get; }

    Task<IReadOnlyList<(HealthEvent Event, StreamSequenceToken Position)>> ReadAfterAsync(string accountId, StreamSequenceToken? position, CancellationToken ct);

    /// <summary>True when an event at <paramref name="token"/> was already applied by an account at <paramref name="position"/>.</summary>
    public static bool AlreadyApplied(StreamSequenceToken? token, StreamSequenceToken? position) =>
        token is not null && position is not null && token.CompareTo(position) <= 0;
}

/// <summary>The embedded profile's catch-up: none (memory streams and memory state live and die together).</summary>
public sealed class NoAccountCatchUp : IAccountCatchUp
{
    public bool Enabled => false;

    public Task<IReadOnlyList<(HealthEvent Event, StreamSequenceToken Position)>> ReadAfterAsync(string accountId, StreamSequenceToken? position, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(HealthEvent, StreamSequenceToken)>>([]);
}
