using Pulse.Health.Contracts;
using Pulse.Health.Grains.Diagnostics;

namespace Pulse.Health.Grains.Wall;

/// <summary>
/// The per-silo wall pre-aggregator (docs/architecture.md §5). Accounts on this silo report their meaningful changes here by a
/// plain in-process call — no grain message per change — and <see cref="WallFlusher"/> ships the accumulated delta
/// to the cluster aggregate a few times a second.
/// </summary>
public sealed class SiloWallAggregator
{
    public const int MaxMoversPerFlush = 50;
    public const int MaxAlertsPerFlush = 50;

    private readonly Lock _gate = new();
    private WallDelta _delta = new();
    private long _eventsApplied;

    /// <summary>Moves an account's contribution from <paramref name="before"/> (null for a new account) to <paramref name="after"/>.</summary>
    public void Record(WallContribution? before, WallContribution after, MoverView? mover, IReadOnlyList<AlertView> alerts)
    {
        lock (_gate)
        {
            var d = _delta;
            if (before is { } b) Add(d, b, -1); else d.Accounts++;
            Add(d, after, +1);
            if (mover is not null)
            {
                if (d.Movers.Count >= MaxMoversPerFlush)
                {
                    // Keep the biggest moves of this flush; the wall keeps the biggest overall.
                    var smallest = d.Movers.MinBy(m => Math.Abs(m.Delta))!;
                    if (Math.Abs(smallest.Delta) < Math.Abs(mover.Delta)) { d.Movers.Remove(smallest); d.Movers.Add(mover); }
                }
                else d.Movers.Add(mover);
            }
            d.AlertsRaised += alerts.Count;
            if (alerts.Count > 0) PulseMeter.AlertsRaised.Add(alerts.Count);
            foreach (var alert in alerts)
            {
                if (d.Alerts.Count >= MaxAlertsPerFlush) d.Alerts.RemoveAt(0);
                d.Alerts.Add(alert);
            }
        }
    }

    /// <summary>Counts applied events (every event, meaningful or not) for the wall's events/s.</summary>
    public void CountApplied(int events)
    {
        Interlocked.Add(ref _eventsApplied, events);
        PulseMeter.CountApplied(events);
    }

    /// <summary>Takes what accumulated since the last call; null when nothing did.</summary>
    public WallDelta? Take()
    {
        WallDelta taken;
        lock (_gate)
        {
            taken = _delta;
            _delta = new WallDelta();
        }
        taken.EventsApplied += Interlocked.Exchange(ref _eventsApplied, 0);
        return taken.IsEmpty ? null : taken;
    }

    /// <summary>Puts back a delta that could not be delivered, so no count is lost.</summary>
    public void Return(WallDelta delta)
    {
        lock (_gate) _delta.Merge(delta);
    }

    private static void Add(WallDelta d, WallContribution c, int sign)
    {
        d.BandCounts[c.Band] += sign;
        d.BandArr[c.Band] += sign * c.Arr;
        d.StageCounts[c.Stage] += sign;
        d.StageArr[c.Stage] += sign * c.Arr;
        d.Histogram[c.Bucket] += sign;
        d.ScoreSum += sign * c.Score;
        d.Arr += sign * c.Arr;
        if (c.AtRisk) d.AtRisk += sign;
    }
}
