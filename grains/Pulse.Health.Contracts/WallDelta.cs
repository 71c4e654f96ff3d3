namespace Pulse.Health.Contracts;

/// <summary>
/// What changed on one silo since its last flush: count differences (accounts leaving one band/stage/bucket and
/// entering another), events applied, movers and alerts. Deltas add up, so flushes can be merged or retried.
/// </summary>
[GenerateSerializer, Alias("pulse.WallDelta")]
public sealed class WallDelta
{
    public const int Bands = 4;
    public const int Stages = 8;
    public const int Buckets = 20;

    [Id(0)] public long[] BandCounts { get; set; } = new long[Bands];
    [Id(1)] public double[] BandArr { get; set; } = new double[Bands];
    [Id(2)] public long[] StageCounts { get; set; } = new long[Stages];
    [Id(3)] public double[] StageArr { get; set; } = new double[Stages];
    [Id(4)] public long[] Histogram { get; set; } = new long[Buckets];
    [Id(5)] public long Accounts { get; set; }
    [Id(6)] public long AtRisk { get; set; }
    [Id(7)] public double ScoreSum { get; set; }
    [Id(8)] public double Arr { get; set; }
    [Id(9)] public long EventsApplied { get; set; }
    [Id(10)] public List<MoverView> Movers { get; set; } = [];
    [Id(11)] public List<AlertView> Alerts { get; set; } = [];
    [Id(12)] public long AlertsRaised { get; set; }

    public bool IsEmpty => Accounts == 0 && EventsApplied == 0 && Movers.Count == 0 && Alerts.Count == 0 && AlertsRaised == 0
        && BandCounts.All(c => c == 0) && StageCounts.All(c => c == 0) && Histogram.All(c => c == 0)
        && ScoreSum == 0 && Arr == 0 && AtRisk == 0;

    /// <summary>Adds <paramref name="other"/> into this delta (used to keep a failed flush for the next one).</summary>
    public void Merge(WallDelta other)
    {
        for (var i = 0; i < Bands; i++) { BandCounts[i] += other.BandCounts[i]; BandArr[i] += other.BandArr[i]; }
        for (var i = 0; i < Stages; i++) { StageCounts[i] += other.StageCounts[i]; StageArr[i] += other.StageArr[i]; }
        for (var i = 0; i < Buckets; i++) Histogram[i] += other.Histogram[i];
        Accounts += other.Accounts;
        AtRisk += other.AtRisk;
        ScoreSum += other.ScoreSum;
        Arr += other.Arr;
        EventsApplied += other.EventsApplied;
        AlertsRaised += other.AlertsRaised;
        Movers.AddRange(other.Movers);
        Alerts.AddRange(other.Alerts);
    }
}
