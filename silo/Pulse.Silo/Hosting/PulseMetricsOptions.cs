namespace Pulse.Silo.Hosting;

/// <summary>Settings of the silo's metrics (configuration section <c>Pulse:Metrics</c>).</summary>
public sealed class PulseMetricsOptions
{
    /// <summary>
    /// Benchmarks only: a scrape that finds the silo idle (no event applied since the previous scrape) first runs one
    /// full blocking, compacting GC, so <c>pulse_process_gc_heap_bytes</c> is the live heap (what memory per account
    /// means). Scrapes while events flow read the heap as it is: a benchmark polls the backlog every quarter second,
    /// and a full GC of a million accounts' heap on each poll would stall the run it measures. Never in production.
    /// </summary>
    public bool FullCollectionWhenIdle { get; set; }
}
