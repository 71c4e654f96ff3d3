using Pulse.Health.Contracts;
using Pulse.Health.Grains.Policy;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Grains.Wall;

/// <summary>
/// The cluster-wide aggregate: the sum of every silo's deltas, plus a window of movers and recent alerts.
/// It only adds numbers, so one activation keeps up with many silos flushing a few times a second.
/// </summary>
public sealed class WallGrain(TimeProvider clock, IHealthPolicySource policies) : Grain, IWallGrain
{
    public const int MaxMovers = 12;
    public const int MaxAlerts = 40;
    public static readonly TimeSpan MoverWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan FrameMaxAge = TimeSpan.FromSeconds(1);

    private readonly WallDelta _totals = new();
    private readonly List<MoverView> _movers = [];
    private readonly LinkedList<AlertView> _alerts = new();
    private readonly Queue<(DateTimeOffset At, long Applied)> _rateSamples = new();
    private long _version;
    private WallFrame? _frame;

    public Task Apply(WallDelta delta)
    {
        var now = clock.GetUtcNow();
        var movers = delta.Movers;
        var alerts = delta.Alerts;
        delta.Movers = [];
        delta.Alerts = [];
        _totals.Merge(delta);

        if (movers.Count > 0)
        {
            _movers.RemoveAll(m => now - m.At > MoverWindow);
            foreach (var mover in movers)
            {
                _movers.RemoveAll(m => m.AccountId == mover.AccountId);
                _movers.Add(mover);
            }
            _movers.Sort((a, b) => Math.Abs(b.Delta).CompareTo(Math.Abs(a.Delta)));
            if (_movers.Count > MaxMovers) _movers.RemoveRange(MaxMovers, _movers.Count - MaxMovers);
        }
        foreach (var alert in alerts.OrderBy(a => a.At))
        {
            _alerts.AddFirst(alert);
            if (_alerts.Count > MaxAlerts) _alerts.RemoveLast();
        }
        _rateSamples.Enqueue((now, _totals.EventsApplied));
        _version++;
        _frame = null;
        return Task.CompletedTask;
    }

    /// <summary>The frame is cached between changes, but rebuilt at least every second so events/s decays to 0 when idle.</summary>
    public Task<WallFrame> GetFrame()
    {
        var now = clock.GetUtcNow();
        if (_frame is null || now - _frame.At > FrameMaxAge) _frame = BuildFrame(now);
        return Task.FromResult(_frame);
    }

    private WallFrame BuildFrame(DateTimeOffset now)
    {
        while (_rateSamples.Count > 1 && now - _rateSamples.Peek().At > RateWindow) _rateSamples.Dequeue();
        var rate = 0.0;
        if (_rateSamples.Count > 0)
        {
            var (firstAt, firstApplied) = _rateSamples.Peek();
            var seconds = Math.Max((now - firstAt).TotalSeconds, WallFlusher.Interval.TotalSeconds);
            // The oldest sample's events are already counted in it: rate is what came after it.
            rate = (_totals.EventsApplied - firstApplied) / seconds;
            if (now - firstAt > RateWindow) rate = 0; // nothing arrived for a while
        }
        var accounts = _totals.Accounts;
        return new WallFrame
        {
            Version = _version,
            At = now,
            Bands = Enum.GetValues<Band>()
                .Select(b => new BandStat(b, _totals.BandCounts[(int)b], Math.Round(_totals.BandArr[(int)b], 2), From(b, policies.Current))).ToArray(),
            Stages = Enum.GetNames<Model.Lifecycle.LifecycleStage>()
                .Select((name, i) => new StageStat(name, _totals.StageCounts[i], Math.Round(_totals.StageArr[i], 2))).ToArray(),
            ScoreHistogram = _totals.Histogram.ToArray(),
            Movers = _movers.ToArray(),
            Alerts = _alerts.ToArray(),
            Totals = new WallTotals
            {
                Accounts = accounts,
                EventsApplied = _totals.EventsApplied,
                EventsPerSecond = Math.Round(rate, 1),
                AverageScore = accounts > 0 ? Math.Round(_totals.ScoreSum / accounts, 1) : 0,
                Arr = Math.Round(_totals.Arr, 2),
                AtRisk = _totals.AtRisk,
                AlertsRaised = _totals.AlertsRaised,
            },
        };
    }

    /// <summary>The score a band starts at under <paramref name="policy"/> (its hysteresis aside).</summary>
    private static double From(Band band, HealthPolicy policy) => band switch
    {
        Band.Red => 0,
        Band.Yellow => policy.YellowFrom,
        Band.Green => policy.GreenFrom,
        _ => policy.AdvocateFrom,
    };
}
