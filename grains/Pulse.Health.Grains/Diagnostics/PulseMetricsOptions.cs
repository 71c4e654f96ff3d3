namespace Pulse.Health.Grains.Diagnostics;

/// <summary>Settings of the silo's metrics (configuration section <c>Pulse:Metrics</c>).</summary>
public sealed class PulseMetricsOptions
{
    /// <summary>
    /// Benchmarks only: every scrape first runs a full blocking, compacting GC so <c>pulse_process_gc_heap_bytes</c> is
    /// the live heap (what memory per account means). Never in production: it pauses the silo on every scrape.
    /// </summary>
    public bool FullCollectionOnScrape { get; set; }
}
