namespace Pulse.Simulation.Latency;

/// <summary>
/// Matches probe events to the account updates a watcher receives. Each probe account receives nothing but probes, so
/// its <c>eventsApplied</c> counter says exactly which probes have been scored: probe k of an account is on the wall
/// once an update shows <c>eventsApplied ≥ base + k</c>. Latency = that update's arrival − the start of the HTTP
/// request that carried the probe. Probes never seen within <see cref="Timeout"/> count as lost, not as slow.
/// </summary>
public sealed class LatencyTracker(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly LatencyHistogram _histogram = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _lost;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public long Lost => Interlocked.Read(ref _lost);

    public int Pending
    {
        get { lock (_gate) return _accounts.Values.Sum(a => a.Sent.Count); }
    }

    public LatencySummary Summary() => _histogram.Summary();

    /// <summary>Starts tracking an account whose counter stood at <paramref name="eventsApplied"/> when the watch began.</summary>
    public void Watching(string accountId, long eventsApplied)
    {
        lock (_gate) _accounts[accountId] = new Account { Base = eventsApplied };
    }

    /// <summary>Reserves the next probe of an account: the counter value that will show it applied.</summary>
    public long NextProbe(string accountId)
    {
        lock (_gate) return _accounts.TryGetValue(accountId, out var a) ? a.Base + ++a.Handed : throw new InvalidOperationException($"{accountId} is not watched");
    }

    /// <summary>The request carrying the probe starts now (call in the account's probe order).</summary>
    public void Sent(string accountId, long expected, long timestamp)
    {
        lock (_gate) _accounts[accountId].Sent.Enqueue((expected, timestamp));
    }

    /// <summary>An update arrived: every probe the counter now covers is on the wall.</summary>
    public void Observed(string accountId, long eventsApplied, long timestamp)
    {
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountId, out var a)) return;
            while (a.Sent.TryPeek(out var probe) && probe.Expected <= eventsApplied)
            {
                a.Sent.Dequeue();
                _histogram.Record(_time.GetElapsedTime(probe.SentAt, timestamp));
            }
        }
    }

    /// <summary>Counts probes sent longer than <see cref="Timeout"/> ago and still unseen as lost.</summary>
    public void ExpireOverdue()
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            foreach (var a in _accounts.Values)
            {
                while (a.Sent.TryPeek(out var probe) && _time.GetElapsedTime(probe.SentAt, now) > Timeout)
                {
                    a.Sent.Dequeue();
                    _lost++;
                }
            }
        }
    }

    /// <summary>At the end of a run: every probe still unseen is lost.</summary>
    public void GiveUpPending()
    {
        lock (_gate)
        {
            foreach (var a in _accounts.Values)
            {
                _lost += a.Sent.Count;
                a.Sent.Clear();
            }
        }
    }

    private sealed class Account
    {
        public long Base;
        public long Handed;
        public readonly Queue<(long Expected, long SentAt)> Sent = new();
    }
}
