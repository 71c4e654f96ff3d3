using Npgsql;
using Orleans.Runtime;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>One event read back from the log.</summary>
public readonly record struct LogEntry(LogPosition Position, string AccountId, HealthEvent Event);

/// <summary>
/// Reads the log. Both reads stop below the oldest running transaction (pg_snapshot_xmin), so whatever is read is a
/// gap-free prefix of what will ever be committed in (tx, seq) order.
/// </summary>
public sealed class EventLogReader(NpgsqlDataSource db, EventPayloadCodec codec, LogPartitions partitions)
{
    private const string Horizon = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /// <summary>Up to <paramref name="max"/> events of one partition after <paramref name="after"/>.</summary>
    public async Task<List<LogEntry>> ReadPartitionAsync(int partition, LogPosition after, int max, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT tx, seq, account_id, payload FROM {LogPartitions.Table(partition)}
             WHERE (tx, seq) > (@tx, @seq) AND tx < {Horizon}
             ORDER BY tx, seq LIMIT @max
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("tx", after.Tx);
        cmd.Parameters.AddWithValue("seq", after.Seq);
        cmd.Parameters.AddWithValue("max", max);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Every retained event of one account after <paramref name="after"/> (its catch-up on activation).</summary>
    public async Task<List<LogEntry>> ReadAccountAsync(string accountId, LogPosition after, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT tx, seq, account_id, payload FROM pulse_event_log
             WHERE partition = @p AND account_id = @a AND (tx, seq) > (@tx, @seq) AND tx < {Horizon}
             ORDER BY tx, seq
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("p", partitions.OfAccount(accountId));
        cmd.Parameters.AddWithValue("a", accountId);
        cmd.Parameters.AddWithValue("tx", after.Tx);
        cmd.Parameters.AddWithValue("seq", after.Seq);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Every retained event of several accounts, in (account, position) order: one query for many catch-ups.</summary>
    public async Task<List<LogEntry>> ReadAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT tx, seq, account_id, payload FROM pulse_event_log
             WHERE partition = ANY(@p) AND account_id = ANY(@a) AND tx < {Horizon}
             ORDER BY account_id, tx, seq
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("p", accountIds.Select(partitions.OfAccount).Distinct().ToArray());
        cmd.Parameters.AddWithValue("a", accountIds.ToArray());
        return await ReadAsync(cmd, ct);
    }

    private async Task<List<LogEntry>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<LogEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var position = new LogPosition(reader.GetInt64(0), reader.GetInt32(1));
            list.Add(new LogEntry(position, reader.GetString(2), codec.Decode(reader.GetFieldValue<byte[]>(3))));
        }
        return list;
    }

    public static StreamId StreamOf(string accountId) => StreamId.Create(StreamNames.AccountEvents, accountId);
}
