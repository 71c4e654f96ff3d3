using Orleans.Streams;
using Pulse.Health.Grains.Accounts;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>The postgres profile's catch-up: an account re-reads its own retained log rows after its persisted position.</summary>
public sealed class LogAccountCatchUp(CatchUpDatabase db, EventPayloadCodec codec, LogPartitions partitions) : IAccountCatchUp
{
    private readonly EventLogReader reader = new(db.Source, codec, partitions);

    public bool Enabled => true;

    public async Task<IReadOnlyList<(HealthEvent Event, StreamSequenceToken Position)>> ReadAfterAsync(string accountId, StreamSequenceToken? position, CancellationToken ct)
    {
        var after = position as LogPosition ?? LogPosition.Start;
        var rows = await reader.ReadAccountAsync(accountId, after, ct);
        return rows.Select(r => (r.Event, (StreamSequenceToken)r.Position)).ToList();
    }
}

/// <summary>The catch-up reads' own connection pool (<see cref="PostgresConnections.ForCatchUp"/>).</summary>
public sealed class CatchUpDatabase(Npgsql.NpgsqlDataSource source) : IAsyncDisposable
{
    public Npgsql.NpgsqlDataSource Source { get; } = source;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
