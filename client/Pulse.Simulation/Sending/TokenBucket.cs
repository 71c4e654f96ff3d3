namespace Pulse.Simulation.Sending;

/// <summary>
/// An async rate limiter shared by all connections: <see cref="WaitAsync"/> reserves n events and returns when they
/// may be sent. Reservations are spaced n/rate seconds apart (a virtual schedule, so concurrent callers queue fairly);
/// an idle limiter banks at most <see cref="Burst"/> worth of credit. A rate of 0 or less means no limit.
/// </summary>
public sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly double _ticksPerEvent;
    private readonly long _burstTicks;
    private long _next;

    public TokenBucket(double eventsPerSecond, TimeProvider? time = null, TimeSpan? burst = null)
    {
        if (double.IsNaN(eventsPerSecond)) throw new ArgumentOutOfRangeException(nameof(eventsPerSecond));
        _time = time ?? TimeProvider.System;
        EventsPerSecond = eventsPerSecond;
        Burst = burst ?? TimeSpan.FromMilliseconds(100);
        _ticksPerEvent = eventsPerSecond > 0 && double.IsFinite(eventsPerSecond) ? _time.TimestampFrequency / eventsPerSecond : 0;
        _burstTicks = (long)(Burst.TotalSeconds * _time.TimestampFrequency);
        _next = _time.GetTimestamp();
    }

    public double EventsPerSecond { get; }
    public TimeSpan Burst { get; }
    public bool IsUnlimited => _ticksPerEvent == 0;

    /// <summary>Waits until <paramref name="events"/> more events fit in the rate.</summary>
    public ValueTask WaitAsync(int events, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsUnlimited || events <= 0) return ValueTask.CompletedTask;
        long start;
        long now;
        lock (_gate)
        {
            now = _time.GetTimestamp();
            start = Math.Max(_next, now - _burstTicks);
            _next = start + (long)(events * _ticksPerEvent);
        }
        if (start <= now) return ValueTask.CompletedTask;
        var delay = TimeSpan.FromSeconds((start - now) / (double)_time.TimestampFrequency);
        return new ValueTask(Task.Delay(delay, _time, cancellationToken));
    }
}
