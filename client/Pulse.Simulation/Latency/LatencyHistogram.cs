using HdrHistogram;

namespace Pulse.Simulation.Latency;

/// <summary>Percentiles of a latency distribution, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    public override string ToString() => Count == 0
        ? "no samples"
        : FormattableString.Invariant($"n={Count:N0} p50={P50:0.#} ms p95={P95:0.#} ms p99={P99:0.#} ms max={Max:0.#} ms");
}

/// <summary>
/// A thread-safe latency histogram on HdrHistogram: microsecond resolution, three significant digits, up to an hour.
/// HdrHistogram gives exact-to-the-precision percentiles at any count in fixed memory, which a sorted sample list cannot.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly long Highest = (long)TimeSpan.FromHours(1).TotalMicroseconds;
    private readonly LongHistogram _histogram = new(1, Highest, 3);
    private readonly object _gate = new();

    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 1, Highest);
        lock (_gate) _histogram.RecordValue(micros);
    }

    public long Count
    {
        get { lock (_gate) return _histogram.TotalCount; }
    }

    public LatencySummary Summary()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0) return LatencySummary.Empty;
            static double Ms(long micros) => micros / 1000.0;
            return new LatencySummary(_histogram.TotalCount,
                Ms(_histogram.GetValueAtPercentile(50)), Ms(_histogram.GetValueAtPercentile(95)), Ms(_histogram.GetValueAtPercentile(99)),
                Ms(_histogram.GetMaxValue()), _histogram.GetMean() / 1000.0);
        }
    }
}
