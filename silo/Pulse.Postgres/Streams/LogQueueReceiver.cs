using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Pulse.Postgres.Log;

namespace Pulse.Postgres.Streams;

/// <summary>
/// Reads one log partition for the Orleans pulling agent. Reads range by range after the last position read
/// (starting at the partition checkpoint), only when woken (NOTIFY, an append in this silo, or more rows pending) or
/// every <see cref="PostgresOptions.IdleRecheck"/>. Moves the checkpoint <see cref="PostgresOptions.CheckpointLag"/>
/// behind delivery under its lease epoch, applies retention, and stops for good once fenced by a newer owner.
/// </summary>
internal sealed partial class LogQueueReceiver(
    int partition,
    PartitionLease lease,
    EventLogReader reader,
    LogNotifications notifications,
    PostgresOptions options,
    TimeProvider time,
    ILogger logger) : IQueueAdapterReceiver
{
    /// <summary>After a wake-up, keep reading actively this long: rows of transactions still running are not readable yet.</summary>
    private static readonly long ActiveTicks = TimeSpan.FromSeconds(1).Ticks;
    private static readonly TimeSpan TrimEvery = TimeSpan.FromSeconds(10);

    private LogPosition _readAfter = LogPosition.Start;
    private long _wokenAt;
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;
    private DateTimeOffset _lastMaintenance = DateTimeOffset.MinValue;
    private DateTimeOffset _lastTrim = time.GetUtcNow();
    private readonly Queue<(LogPosition Position, DateTimeOffset At)> _delivered = new();
    private LogPosition? _deliveredUpTo;
    private volatile bool _fenced;

    public bool IsFenced => _fenced;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout, time);
        _readAfter = await lease.AcquireAsync(cts.Token);
        LogReading(logger, partition, _readAfter, lease.Epoch);
        notifications.Register(partition, Wake);
        Wake();
    }

    private void Wake() => Interlocked.Exchange(ref _wokenAt, time.GetUtcNow().UtcTicks);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (_fenced) return [];
        await MaintainAsync();
        if (_fenced) return [];

        var now = time.GetUtcNow();
        var awake = now.UtcTicks - Interlocked.Read(ref _wokenAt) < ActiveTicks || now - _lastRead >= options.IdleRecheck;
        if (!awake) return [];
        _lastRead = now;

        var max = maxCount <= 0 ? options.ReadBatchSize : Math.Min(maxCount, options.ReadBatchSize);
        var rows = await reader.ReadPartitionAsync(partition, _readAfter, max);
        if (rows.Count == 0) return [];
        _readAfter = rows[^1].Position;
        Wake(); // there may be more: keep reading
        var batch = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
            batch.Add(new LogBatchContainer(EventLogReader.StreamOf(row.AccountId), row.Event, row.Position));
        return batch;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        LogPosition? max = null;
        foreach (var m in messages)
            if (m.SequenceToken is LogPosition p && (max is null || p.CompareTo(max) > 0)) max = p;
        if (max is not null)
        {
            lock (_delivered)
            {
                _delivered.Enqueue((max, time.GetUtcNow()));
                if (_deliveredUpTo is null || max.CompareTo(_deliveredUpTo) > 0) _deliveredUpTo = max;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Checkpoint (lagging delivery) and retention, at most every <see cref="PostgresOptions.MaintenanceInterval"/>.</summary>
    private async Task MaintainAsync(bool force = false)
    {
        var now = time.GetUtcNow();
        if (!force && now - _lastMaintenance < options.MaintenanceInterval) return;
        _lastMaintenance = now;
        LogPosition? checkpoint = null;
        LogPosition? delivered;
        lock (_delivered)
        {
            while (_delivered.Count > 0 && now - _delivered.Peek().At >= options.CheckpointLag)
                checkpoint = _delivered.Dequeue().Position;
            delivered = _deliveredUpTo;
        }
        if (delivered is null) return;
        if (!await lease.TryAdvanceAsync(checkpoint, delivered))
        {
            _fenced = true;
            LogFenced(logger, partition, lease.Epoch);
            return;
        }
        if (now - _lastTrim >= TrimEvery)
        {
            _lastTrim = now;
            var trimmed = await lease.TrimAsync(options.RetentionGrace);
            if (trimmed > 0) LogTrimmed(logger, trimmed, partition);
        }
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        notifications.Unregister(partition);
        try
        {
            // Record what was delivered; the checkpoint keeps its lag (the next owner re-reads the last window).
            await MaintainAsync(force: true);
        }
        catch (Exception ex)
        {
            LogShutdownFailed(logger, ex, partition);
        }
    }

    // Source-generated: the pulling agent calls this receiver every 50 ms per partition.
    [LoggerMessage(Level = LogLevel.Information, Message = "Reading log partition {Partition} from {Position} (epoch {Epoch})")]
    private static partial void LogReading(ILogger logger, int partition, LogPosition position, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log partition {Partition} was taken by another reader (our epoch {Epoch} is stale); this reader stops")]
    private static partial void LogFenced(ILogger logger, int partition, long epoch);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention removed {Rows} rows of log partition {Partition}")]
    private static partial void LogTrimmed(ILogger logger, int rows, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the position of log partition {Partition} at shutdown failed")]
    private static partial void LogShutdownFailed(ILogger logger, Exception exception, int partition);
}
