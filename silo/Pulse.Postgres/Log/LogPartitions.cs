using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Streams;
using Pulse.Health.Contracts;

namespace Pulse.Postgres.Log;

/// <summary>
/// Which log partition (= Orleans queue) carries an account's stream. Ingest, the stream receivers and catch-up all
/// map through the same Orleans hash ring, so they always agree.
/// </summary>
public sealed class LogPartitions
{
    public LogPartitions(int count, string providerName)
    {
        Count = count;
        Mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = count }, providerName);
    }

    public int Count { get; }
    public HashRingBasedStreamQueueMapper Mapper { get; }

    public int Of(StreamId streamId) => (int)Mapper.GetQueueForStream(streamId).GetNumericId();

    public int OfAccount(string accountId) => Of(StreamId.Create(StreamNames.AccountEvents, accountId));

    public static int Of(QueueId queue) => (int)queue.GetNumericId();

    public static string Table(int partition) => $"pulse_event_log_p{partition}";
}
