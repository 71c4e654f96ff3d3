namespace Pulse.Simulation.Sending;

/// <summary>
/// The cancellation of one sending run (<c>simulate</c>, <c>replay</c>). Waits (rate limit, Retry-After, back-off) end
/// on <see cref="Stop"/>: the caller's cancellation or the first fatal error. Requests in flight end on
/// <see cref="Abort"/>: at once on a fatal error, or after the drain timeout once the caller cancels, so accepted work
/// is not cut off mid-request.
/// </summary>
public sealed class RunCancellation : IDisposable
{
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

    /// <summary>Stops the run now (a fatal error). Safe to call from any thread, also after the run ended.</summary>
    public void StopFatally()
    {
        try { _fatal.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _drain.Dispose();
        _abort.Dispose();
        _stop.Dispose();
        _fatal.Dispose();
    }
}
