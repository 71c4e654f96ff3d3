using Npgsql;
using NpgsqlTypes;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>An event to append: the account it belongs to and the event itself.</summary>
public readonly record struct LogAppend(string AccountId, HealthEvent Event);

/// <summary>
/// Appends events to the log in one transaction with one binary COPY, then commits: when <see cref="AppendAsync"/>
/// returns, every event is durable; when it throws, the caller must treat all of them as not accepted (a retry is
/// safe: accounts de-duplicate by messageId). Readers are woken in-process at once and in other silos by NOTIFY.
/// </summary>
public sealed class EventLogAppender(NpgsqlDataSource db, EventPayloadCodec codec, LogPartitions partitions, LogNotifications notifications, TimeProvider time)
{
    private const string Copy = "COPY pulse_event_log (partition, seq, account_id, message_id, payload) FROM STDIN (FORMAT BINARY)";
    /// <summary>NOTIFY takes a cluster-wide lock at commit: send at most one per partition per interval (readers keep reading once woken).</summary>
    private static readonly long NotifyEveryTicks = TimeSpan.FromMilliseconds(100).Ticks;
    private readonly long[] _lastNotified = new long[partitions.Count];

    public async Task AppendAsync(IReadOnlyList<LogAppend> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return;
        var touched = new bool[partitions.Count];
        var rows = new (int Partition, LogAppend Item, byte[] Payload)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var p = partitions.OfAccount(events[i].AccountId);
            touched[p] = true;
            rows[i] = (p, events[i], codec.Encode(events[i].Event));
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var writer = await conn.BeginBinaryImportAsync(Copy, ct))
        {
            // seq is the row's ordinal in this transaction: (tx, seq) is unique because each transaction runs one COPY.
            for (var i = 0; i < rows.Length; i++)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(rows[i].Partition, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(rows[i].Item.AccountId, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(rows[i].Item.Event.MessageId, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(rows[i].Payload, NpgsqlDbType.Bytea, ct);
            }
            await writer.CompleteAsync(ct);
        }
        var notify = NotifyList(touched);
        if (notify.Length > 0)
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@c, @p)", conn, tx);
            cmd.Parameters.AddWithValue("c", LogNotifications.Channel);
            cmd.Parameters.AddWithValue("p", notify);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        for (var p = 0; p < touched.Length; p++)
            if (touched[p]) notifications.WakeLocal(p);
    }

    private string NotifyList(bool[] touched)
    {
        var now = time.GetUtcNow().UtcTicks;
        var list = new List<int>();
        for (var p = 0; p < touched.Length; p++)
        {
            if (!touched[p]) continue;
            var last = Interlocked.Read(ref _lastNotified[p]);
            if (now - last < NotifyEveryTicks) continue;
            if (Interlocked.CompareExchange(ref _lastNotified[p], now, last) == last) list.Add(p);
        }
        return string.Join(',', list);
    }
}
