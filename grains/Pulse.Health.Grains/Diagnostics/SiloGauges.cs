using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pulse.Health.Grains.Ingest;

namespace Pulse.Health.Grains.Diagnostics;

/// <summary>
/// Gauges of one silo on the <see cref="PulseMeter"/>: stream backlog (accepted, not yet applied), resident accounts,
/// GC heap and process RSS. Resident accounts are the silo's own <see cref="Accounts.ActiveAccounts"/> registry (the
/// one a policy change re-evaluates), so a scrape reads a number and never waits on a grain call.
/// </summary>
public sealed class SiloGauges(IngestBacklog backlog, Accounts.ActiveAccounts active, IOptions<PulseMetricsOptions> options) : IHostedService
{
    public long ActiveAccounts => active.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = PulseMeter.Instance;
        // Counters appear on the endpoint only once touched: start them at zero so a scrape always shows every metric.
        PulseMeter.EventsIngested.Add(0);
        PulseMeter.EventsApplied.Add(0);
        PulseMeter.AlertsRaised.Add(0);
        PulseMeter.IngestOverloaded.Add(0);
        meter.CreateObservableGauge("pulse.stream.backlog", () => backlog.Pending, "{event}", "Events accepted by ingest on this silo and not yet applied (the stream's lag)");
        meter.CreateObservableGauge("pulse.stream.backlog.limit", () => backlog.Limit, "{event}", "Backlog above which ingest answers 503 + Retry-After");
        meter.CreateObservableGauge("pulse.accounts.active", () => ActiveAccounts, "{account}", "Account grains resident in this silo");
        meter.CreateObservableGauge("pulse.process.gc.heap", LiveHeap, "By",
            options.Value.FullCollectionOnScrape ? "Live managed heap after a full collection (benchmark mode)" : "Managed heap in use (GC.GetTotalMemory)");
        meter.CreateObservableGauge("pulse.process.gc.heap.after_gc", () => GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes, "By", "Managed heap size after the last GC");
        meter.CreateObservableGauge("pulse.process.memory.rss", () => Process.GetCurrentProcess().WorkingSet64, "By", "Resident set size of the silo process");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private long LiveHeap()
    {
        if (!options.Value.FullCollectionOnScrape) return GC.GetTotalMemory(false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
