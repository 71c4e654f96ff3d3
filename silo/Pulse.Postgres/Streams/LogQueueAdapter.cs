using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using Pulse.Health.Model.Events;
using Pulse.Postgres.Log;

namespace Pulse.Postgres.Streams;

/// <summary>
/// The Orleans side of the log: producers' batches are appended durably (the ingest API appends directly through
/// <see cref="EventLogAppender"/>, many accounts per transaction), and each queue gets a <see cref="LogQueueReceiver"/>.
/// </summary>
internal sealed class LogQueueAdapter(
    string name,
    EventLogAppender appender,
    EventLogReader reader,
    LogNotifications notifications,
    Npgsql.NpgsqlDataSource db,
    PostgresOptions options,
    string owner,
    TimeProvider time,
    ILoggerFactory loggers) : IQueueAdapter
{
    public string Name { get; } = name;
    public bool IsRewindable => false;
    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null) throw new ArgumentException("the log assigns positions itself; producers cannot pass a sequence token", nameof(token));
        var account = streamId.GetKeyAsString();
        var batch = events.Select(e => e is HealthEvent h
            ? new LogAppend(account, h)
            : throw new ArgumentException($"the account log carries {nameof(HealthEvent)}s, not {typeof(T).Name}")).ToList();
        return appender.AppendAsync(batch);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var partition = LogPartitions.Of(queueId);
        return new LogQueueReceiver(partition, new PartitionLease(db, partition, owner), reader, notifications, options, time,
            loggers.CreateLogger<LogQueueReceiver>());
    }
}
