namespace Pulse.Ingest.Segment;

/// <summary>Where accepted events go: the Orleans stream (embedded profile) or the durable PostgreSQL log (postgres profile).</summary>
public interface IAccountEventSink
{
    /// <param name="accepted">The request's valid, routed messages.</param>
    /// <param name="cancellationToken">The request's: once it is cancelled nothing more is started, and the events not
    /// handed over yet fail with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The number of events durably handed over; the rest failed (never thrown) and must not be reported as accepted.</returns>
    Task<(int Written, Exception? Failure)> PublishAsync(IReadOnlyList<ParsedMessage> accepted, CancellationToken cancellationToken);
}
