using Orleans.Streams;
using Pulse.Health.Grains.Accounts;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>The postgres profile's catch-up: an account re-reads its own retained log rows after its persisted position.</summary>
public sealed class LogAccountCatchUp(EventLogReader reader) : IAccountCatchUp
{
    public bool Enabled => true;

    public async Task<IReadOnlyList<(HealthEvent Event, StreamSequenceToken Position)>> ReadAfterAsync(string accountId, StreamSequenceToken? position, CancellationToken ct)
    {
        var after = position as LogPosition ?? LogPosition.Start;
        var rows = await reader.ReadAccountAsync(accountId, after, ct);
        return rows.Select(r => (r.Event, (StreamSequenceToken)r.Position)).ToList();
    }
}
