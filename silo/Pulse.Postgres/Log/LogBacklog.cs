using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Pulse.Postgres.Log;

/// <summary>
/// Commit-based back-pressure, cluster-wide: the number of committed events no reader has delivered yet, sampled
/// from PostgreSQL every half second by each silo. Unlike an in-process counter it is exact across silos (an event
/// ingested by one silo is delivered by the owner of its partition, wherever that is).
/// </summary>
public sealed class LogBacklog(NpgsqlDataSource db, IOptions<PostgresOptions> options, ILogger<LogBacklog> logger) : BackgroundService
{
    private long _pending;

    public long Pending => Interlocked.Read(ref _pending);
    public long Limit => options.Value.MaxBacklog;
    public bool IsFull => Pending >= Limit;

    /// <summary>Counts at most a little past the limit per partition: the exact number above it does not matter.</summary>
    public async Task<long> MeasureAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT coalesce(sum(c.n), 0)::bigint FROM pulse_stream_partition s
            CROSS JOIN LATERAL (
                SELECT count(*) AS n FROM (
                    SELECT 1 FROM pulse_event_log l
                     WHERE l.partition = s.partition AND (l.tx, l.seq) > (s.rd_tx, s.rd_seq)
                     LIMIT @cap) x) c
            """);
        cmd.Parameters.AddWithValue("cap", Limit + 1);
        var value = (long)(await cmd.ExecuteScalarAsync(ct))!;
        Interlocked.Exchange(ref _pending, value);
        return value;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MeasureAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // PostgreSQL down: appends fail on their own (503); keep the last sample.
                logger.LogDebug(ex, "Measuring the log backlog failed");
            }
            try { await Task.Delay(500, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
