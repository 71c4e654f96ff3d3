namespace Pulse.Health.Grains.Accounts;

/// <summary>
/// Hears how many events the accounts of this silo took off the account stream (applied, or dropped as repeats). The
/// grains only report; whoever admits events to the stream listens. In the silo that is ingest's back-pressure
/// (<c>silo/Pulse.Silo/Ingest/IngestBacklog.cs</c>); with no listener registered, <see cref="None"/> ignores it.
/// </summary>
public interface IEventDeliveries
{
    /// <summary>Ignores every report: a cluster with no ingest in its process (tests, tools).</summary>
    public static readonly IEventDeliveries None = new Ignored();

    void Delivered(int events);

    private sealed class Ignored : IEventDeliveries
    {
        public void Delivered(int events) { }
    }
}
