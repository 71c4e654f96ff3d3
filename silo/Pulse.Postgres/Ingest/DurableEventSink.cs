using Microsoft.Extensions.Options;
using Pulse.Ingest.Segment;
using Pulse.Postgres.Log;

namespace Pulse.Postgres.Ingest;

/// <summary>
/// The postgres profile's ingest: a request's events are appended to the log in one transaction, and only a commit
/// counts as accepted. Back-pressure is commit-based and cluster-wide (<see cref="LogBacklog"/>), plus a bound on the
/// append transactions this silo runs at once; either refuses the whole request so ingest answers 503 + Retry-After.
/// </summary>
public sealed class DurableEventSink(EventLogAppender appender, LogBacklog backlog, IOptions<PostgresOptions> options) : IAccountEventSink
{
    private static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentAppends);

    /// <summary>Cancellation abandons the append transaction: nothing is reported accepted, as for any failed commit.</summary>
    public async Task<(int Written, Exception? Failure)> PublishAsync(IReadOnlyList<ParsedMessage> accepted, CancellationToken cancellationToken)
    {
        if (backlog.IsFull)
            return (0, new IngestRefusedException($"{backlog.Pending} committed events are waiting for delivery (limit {backlog.Limit})"));
        try
        {
            if (!await _slots.WaitAsync(SlotWait, cancellationToken))
                return (0, new IngestRefusedException($"{options.Value.MaxConcurrentAppends} appends are already in flight"));
        }
        catch (OperationCanceledException ex)
        {
            return (0, ex);
        }
        try
        {
            var rows = new LogAppend[accepted.Count];
            for (var i = 0; i < rows.Length; i++) rows[i] = new LogAppend(accepted[i].AccountId!, accepted[i].Event!);
            await appender.AppendAsync(rows, cancellationToken);
            return (accepted.Count, null);
        }
        catch (Exception ex)
        {
            // Not committed (or not known to be): nothing is reported accepted; a resend is de-duplicated by messageId.
            return (0, ex);
        }
        finally
        {
            _slots.Release();
        }
    }
}

/// <summary>Ingest refused a request before writing anything (back-pressure), as opposed to a database failure.</summary>
public sealed class IngestRefusedException(string message) : Exception(message);
