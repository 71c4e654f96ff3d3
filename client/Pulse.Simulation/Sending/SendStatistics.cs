using System.Collections.Concurrent;

namespace Pulse.Simulation.Sending;

/// <summary>
/// Thread-safe counters of a run. Events are counted once each: <see cref="Sent"/> when first handed to the server,
/// then exactly one of accepted, rejected or failed (never delivered). <see cref="Retries"/> counts resent requests.
/// Errors by reason count events for per-message rejections, and requests for HTTP statuses and connection errors.
/// </summary>
public sealed class SendStatistics
{
    /// <summary>Distinct reasons kept; beyond this, reasons are folded into "other errors" so a noisy server cannot grow memory.</summary>
    public const int MaxReasons = 100;
    public const string OtherReasons = "other errors";

    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly RateMeter _acceptedRate;
    private long _sent, _accepted, _rejected, _failed, _retries, _requests, _backfillSent, _liveSent, _liveAccepted;
    private string? _lastError;

    public SendStatistics(TimeProvider? time = null) => _acceptedRate = new RateMeter(time ?? TimeProvider.System);

    public long Sent => Interlocked.Read(ref _sent);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Failed => Interlocked.Read(ref _failed);
    public long Retries => Interlocked.Read(ref _retries);
    public long Requests => Interlocked.Read(ref _requests);
    public long BackfillSent => Interlocked.Read(ref _backfillSent);
    public long LiveSent => Interlocked.Read(ref _liveSent);
    public long LiveAccepted => Interlocked.Read(ref _liveAccepted);
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Accepted events per second over the last couple of seconds.</summary>
    public double CurrentEventsPerSecond => _acceptedRate.PerSecond();

    public IReadOnlyDictionary<string, long> ErrorsByReason() =>
        _errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    internal void AddSent(int events, bool live)
    {
        Interlocked.Add(ref _sent, events);
        Interlocked.Add(ref live ? ref _liveSent : ref _backfillSent, events);
    }

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddAccepted(long events, bool live)
    {
        if (events <= 0) return;
        Interlocked.Add(ref _accepted, events);
        if (live) Interlocked.Add(ref _liveAccepted, events);
        _acceptedRate.Add(events);
    }

    internal void AddRejected(long events) => Interlocked.Add(ref _rejected, events);

    /// <summary>Events that will not be delivered; the request-level reason is recorded where it happened.</summary>
    internal void AddFailed(long events, string reason)
    {
        _ = reason; // recorded by AddError where it happened; a stop is not an error worth showing
        Interlocked.Add(ref _failed, events);
    }

    /// <summary>A request that will be sent again; <paramref name="reason"/> (if not already recorded) counts once.</summary>
    internal void AddRetry(string? reason)
    {
        Interlocked.Increment(ref _retries);
        if (reason is not null) AddError(reason, 1);
    }

    internal void AddError(string reason, long count)
    {
        if (count <= 0) return;
        Volatile.Write(ref _lastError, reason);
        if (!_errors.ContainsKey(reason) && _errors.Count >= MaxReasons) reason = OtherReasons;
        _errors.AddOrUpdate(reason, count, (_, c) => c + count);
    }
}

/// <summary>Events per second over a sliding window of quarter-second buckets.</summary>
internal sealed class RateMeter(TimeProvider time)
{
    private const int Buckets = 12;
    private static readonly TimeSpan BucketLength = TimeSpan.FromMilliseconds(250);
    private readonly long[] _counts = new long[Buckets];
    private readonly long[] _bucketIds = new long[Buckets];
    private readonly object _gate = new();
    private readonly long _origin = time.GetTimestamp();

    private long CurrentBucket() => (long)(time.GetElapsedTime(_origin).Ticks / BucketLength.Ticks);

    public void Add(long events)
    {
        lock (_gate)
        {
            var id = CurrentBucket();
            var slot = (int)(id % Buckets);
            if (_bucketIds[slot] != id)
            {
                _bucketIds[slot] = id;
                _counts[slot] = 0;
            }
            _counts[slot] += events;
        }
    }

    /// <summary>Rate over the last 2 s of complete buckets (less right after the start).</summary>
    public double PerSecond()
    {
        lock (_gate)
        {
            var current = CurrentBucket();
            const int window = 8; // 2 s
            long sum = 0;
            var buckets = 0;
            for (var id = current - window; id < current; id++)
            {
                if (id < 0) continue;
                buckets++;
                var slot = (int)(id % Buckets);
                if (_bucketIds[slot] == id) sum += _counts[slot];
            }
            return buckets == 0 ? 0 : sum / (buckets * BucketLength.TotalSeconds);
        }
    }
}
