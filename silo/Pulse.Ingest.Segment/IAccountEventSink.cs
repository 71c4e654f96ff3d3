namespace Pulse.Ingest.Segment;

/// <summary>Where accepted events go: the Orleans stream (embedded profile) or the durable PostgreSQL log (postgres profile).</summary>
public interface IAccountEventSink
{
    /// <returns>The number of events durably handed over; the rest failed and must not be reported as accepted.</returns>
    Task<(int Written, Exception? Failure)> PublishAsync(IReadOnlyList<ParsedMessage> accepted);
}
