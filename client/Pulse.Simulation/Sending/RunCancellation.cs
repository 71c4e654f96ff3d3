namespace Pulse.Simulation.Sending;

/// <summary>
/// The cancellation of one sending run (<c>simulate</c>, <c>replay</c>). Waits (rate limit, Retry-After, back-off) end
/// on <see cref="Stop"/>: the caller's cancellation or the first fatal error. Requests in flight end on
/// <see cref="Abort"/>: at once on a fatal error, or after the drain timeout once the caller cancels, so accepted work
/// is not cut off mid-request. It also decides when delivery failures end the run (<see cref="Judge"/>) and keeps the
/// first reason.
/// </summary>
public sealed class RunCancellation : IDisposable
{
    /// <summary>Batches in a row that could not be delivered (after the sender's own retries) before the run gives up.</summary>
    public const int MaxConsecutiveFailedBatches = 3;

    private int _consecutiveFailures;
    private string? _failure;

    private readonly CancellationTokenSource _fatal = new();
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _abort;
    private readonly CancellationTokenRegistration _drain;

    public RunCancellation(CancellationToken cancellation, TimeSpan drainTimeout)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _fatal.Token);
        _abort = CancellationTokenSource.CreateLinkedTokenSource(_fatal.Token);
        _drain = cancellation.Register(() =>
        {
            try { _abort.CancelAfter(drainTimeout); } catch (ObjectDisposedException) { }
        });
    }

    public CancellationToken Stop => _stop.Token;
    public CancellationToken Abort => _abort.Token;

    /// <summary>Why the run failed (the first reason given), or null.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Stops the run now for <paramref name="reason"/> (the first reason is kept). Safe from any thread.</summary>
    public void Fail(string reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null) return;
        try { _fatal.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>
    /// Takes one batch's result into account: a refusal ends the run, and so does failing to deliver
    /// <see cref="MaxConsecutiveFailedBatches"/> batches in a row (or the very first, before anything was accepted).
    /// Returns true when the run is over for this sender.
    /// </summary>
    public bool Judge(BatchResult result, SendStatistics stats, Uri target)
    {
        switch (result.Outcome)
        {
            case BatchOutcome.Answered:
                Interlocked.Exchange(ref _consecutiveFailures, 0);
                return false;
            case BatchOutcome.Fatal:
                Fail(result.Reason ?? "the server refused the batch");
                return true;
            case BatchOutcome.Failed:
                var failures = Interlocked.Increment(ref _consecutiveFailures);
                if (stats.Accepted > 0 && failures < MaxConsecutiveFailedBatches) return false;
                Fail($"cannot deliver to {target}: {result.Reason}");
                return true;
            default: // cancelled
                return true;
        }
    }

    public void Dispose()
    {
        _drain.Dispose();
        _abort.Dispose();
        _stop.Dispose();
        _fatal.Dispose();
    }
}
