using Pulse.Health.Grains.Accounts;

namespace Pulse.Silo.Ingest;

/// <summary>
/// Events accepted by this silo's ingest API but not yet applied by an account: the back-pressure signal.
/// Ingest admits a request only if the backlog stays under the limit, so an accepted event always has room in the
/// in-memory stream queues (which refuse writes, rather than block, when full). Accounts report what they applied.
/// Per silo: in the embedded profile ingest and accounts share the process. The postgres profile registers it with no
/// limit (its back-pressure is the durable log's, cluster-wide), so there it only feeds the backlog gauge.
/// </summary>
public sealed class IngestBacklog(long limit) : IEventDeliveries
{
    private long _pending;

    public long Limit { get; } = limit;
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Reserves room for <paramref name="count"/> events; false (nothing reserved) when that would pass the limit.</summary>
    public bool TryAdmit(int count)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _pending);
            if (current + count > Limit && current > 0) return false;
            if (Interlocked.CompareExchange(ref _pending, current + count, current) == current) return true;
        }
    }

    /// <summary>Gives back room: events applied by an account, or reserved but not enqueued.</summary>
    public void Release(int count)
    {
        if (Interlocked.Add(ref _pending, -count) < 0) Interlocked.Exchange(ref _pending, 0);
    }

    /// <summary>Accounts took these events off the stream: their room is free again.</summary>
    public void Delivered(int events) => Release(events);
}
