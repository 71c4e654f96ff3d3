using Npgsql;

namespace Pulse.Postgres.Log;

/// <summary>
/// A reader's claim on one partition. Acquiring bumps the partition's epoch; the checkpoint (and the delivered
/// position, and retention) only move under the epoch that acquired it, so a reader that lost the partition to
/// another silo cannot move them any more: it learns it is fenced and stops.
/// </summary>
public sealed class PartitionLease(NpgsqlDataSource db, int partition, string owner)
{
    public int Partition { get; } = partition;
    public long Epoch { get; private set; }

    /// <returns>The checkpoint to resume reading after.</returns>
    public async Task<LogPosition> AcquireAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE pulse_stream_partition SET epoch = epoch + 1, owner = @o, changed_at = now()
             WHERE partition = @p RETURNING epoch, cp_tx, cp_seq
            """);
        cmd.Parameters.AddWithValue("o", owner);
        cmd.Parameters.AddWithValue("p", Partition);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new InvalidOperationException($"log partition {Partition} does not exist: is {PostgresOptions.Section}:Partitions the same on every silo and was the schema migrated?");
        Epoch = reader.GetInt64(0);
        return new LogPosition(reader.GetInt64(1), reader.GetInt32(2));
    }

    /// <summary>Moves the checkpoint forward to <paramref name="checkpoint"/> and records <paramref name="delivered"/>.</summary>
    /// <returns>False when another reader has taken the partition since (nothing was moved).</returns>
    public async Task<bool> TryAdvanceAsync(LogPosition? checkpoint, LogPosition delivered, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE pulse_stream_partition
               SET cp_tx = CASE WHEN @hasCp AND (@cpTx, @cpSeq) > (cp_tx, cp_seq) THEN @cpTx ELSE cp_tx END,
                   cp_seq = CASE WHEN @hasCp AND (@cpTx, @cpSeq) > (cp_tx, cp_seq) THEN @cpSeq ELSE cp_seq END,
                   rd_tx = @rdTx, rd_seq = @rdSeq, changed_at = now()
             WHERE partition = @p AND epoch = @e
            """);
        cmd.Parameters.AddWithValue("hasCp", checkpoint is not null);
        cmd.Parameters.AddWithValue("cpTx", checkpoint?.Tx ?? 0L);
        cmd.Parameters.AddWithValue("cpSeq", checkpoint?.Seq ?? -1);
        cmd.Parameters.AddWithValue("rdTx", delivered.Tx);
        cmd.Parameters.AddWithValue("rdSeq", delivered.Seq);
        cmd.Parameters.AddWithValue("p", Partition);
        cmd.Parameters.AddWithValue("e", Epoch);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Retention: deletes rows at or below the checkpoint older than <paramref name="grace"/>, only while we own the partition.</summary>
    public async Task<int> TrimAsync(TimeSpan grace, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            DELETE FROM {LogPartitions.Table(Partition)} l
             USING pulse_stream_partition s
             WHERE s.partition = @p AND s.epoch = @e
               AND (l.tx, l.seq) <= (s.cp_tx, s.cp_seq) AND l.appended_at < now() - @grace
            """);
        cmd.Parameters.AddWithValue("p", Partition);
        cmd.Parameters.AddWithValue("e", Epoch);
        cmd.Parameters.AddWithValue("grace", grace);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
