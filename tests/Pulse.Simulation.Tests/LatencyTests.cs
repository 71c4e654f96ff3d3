using Pulse.Simulation.Latency;

namespace Pulse.Simulation.Tests;

public class LatencyTests
{
    [Fact]
    public void Histogram_percentiles_on_known_data()
    {
        var histogram = new LatencyHistogram();
        // 1 … 1000 ms, once each: p50 = 500, p95 = 950, p99 = 990, max = 1000 (three significant digits).
        for (var ms = 1; ms <= 1000; ms++) histogram.Record(TimeSpan.FromMilliseconds(ms));
        var s = histogram.Summary();
        Assert.Equal(1000, s.Count);
        Assert.Equal(500, s.P50, 0.5);
        Assert.Equal(950, s.P95, 1.0);
        Assert.Equal(990, s.P99, 1.0);
        Assert.Equal(1000, s.Max, 1.0);
        Assert.Equal(500.5, s.Mean, 1.0);
    }

    [Fact]
    public void A_skewed_distribution_has_its_tail_in_p99_not_in_p50()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 990; i++) histogram.Record(TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < 10; i++) histogram.Record(TimeSpan.FromSeconds(2));
        var s = histogram.Summary();
        Assert.Equal(10, s.P50, 0.05);
        Assert.Equal(10, s.P95, 0.05);
        Assert.Equal(10, s.P99, 0.05); // exactly 99 % are at 10 ms
        Assert.Equal(2000, s.Max, 2.0);
        Assert.Equal(LatencySummary.Empty, new LatencyHistogram().Summary());
    }

    [Fact]
    public void The_tracker_matches_probes_to_the_counter_that_covers_them()
    {
        var clock = new ManualClock();
        var tracker = new LatencyTracker(clock);
        tracker.Watching("p1", eventsApplied: 5);
        var first = tracker.NextProbe("p1");
        var second = tracker.NextProbe("p1");
        Assert.Equal((6L, 7L), (first, second));

        tracker.Sent("p1", first, clock.GetTimestamp());
        clock.Advance(TimeSpan.FromMilliseconds(40));
        tracker.Sent("p1", second, clock.GetTimestamp());
        clock.Advance(TimeSpan.FromMilliseconds(60));
        tracker.Observed("p1", 5, clock.GetTimestamp()); // an update from before the probes: nothing matched
        Assert.Equal(0, tracker.Summary().Count);
        tracker.Observed("p1", 7, clock.GetTimestamp()); // both probes applied in one update
        var s = tracker.Summary();
        Assert.Equal(2, s.Count);
        Assert.Equal(100, s.Max, 0.5);
        Assert.Equal(60, s.P50, 0.5);
        Assert.Equal(0, tracker.Pending);
        tracker.Observed("unknown", 1, clock.GetTimestamp()); // not ours: ignored
    }

    [Fact]
    public void Probes_never_seen_are_counted_lost_not_slow()
    {
        var clock = new ManualClock();
        var tracker = new LatencyTracker(clock) { Timeout = TimeSpan.FromSeconds(5) };
        tracker.Watching("p1", 0);
        tracker.Sent("p1", tracker.NextProbe("p1"), clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(3));
        tracker.Sent("p1", tracker.NextProbe("p1"), clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(3));
        tracker.ExpireOverdue();
        Assert.Equal(1, tracker.Lost);
        Assert.Equal(1, tracker.Pending);
        tracker.GiveUpPending();
        Assert.Equal(2, tracker.Lost);
        Assert.Equal(0, tracker.Summary().Count);
    }
}

/// <summary>A clock whose timestamps move only when told.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = 1_000_000;
    private DateTimeOffset _now = Sim.Anchor;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => _ticks;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by)
    {
        _ticks += by.Ticks;
        _now += by;
    }
}
