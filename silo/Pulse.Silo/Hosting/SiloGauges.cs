using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Pulse.Health.Grains.Diagnostics;
using Pulse.Silo.Ingest;

namespace Pulse.Silo.Hosting;

/// <summary>
/// Gauges of one silo on the <see cref="PulseMeter"/>: stream backlog (accepted, not yet applied), resident accounts,
/// GC heap and process RSS. Resident accounts are the silo's own <see cref="Health.Grains.Accounts.ActiveAccounts"/> registry (the
/// one a policy change re-evaluates), so a scrape reads a number and never waits on a grain call.
/// </summary>
public sealed class SiloGauges(IngestBacklog backlog, Health.Grains.Accounts.ActiveAccounts active, IOptions<PulseMetricsOptions> options) : IHostedService
{
    // The meter is one per process (PulseMeter), so its gauges are too: registered once, they read every silo of the
    // process (one in production; several in tests, where a gauge bound to the first silo would report a stopped one).
    private static readonly List<SiloGauges> Live = [];
    private static int _registered;

    public long ActiveAccounts => active.Count;
    private long BacklogPending => backlog.Pending;
    private long BacklogLimit => backlog.Limit;
    private bool FullCollectionWhenIdle => options.Value.FullCollectionWhenIdle;
    private static long _appliedAtLastScrape = -1;
    private static long _appliedAtLastCollection = -1;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (Live) Live.Add(this);
        // Counters appear on an endpoint only once touched while its exporter listens: start them at zero for every silo's
        // exporter (a second silo in the process, as `pulse demo` beside a test's silo, missed the first silo's zeros).
        PulseMeter.EventsIngested.Add(0);
        PulseMeter.EventsApplied.Add(0);
        PulseMeter.AlertsRaised.Add(0);
        PulseMeter.IngestOverloaded.Add(0);
        if (Interlocked.Exchange(ref _registered, 1) == 1) return Task.CompletedTask;
        var meter = PulseMeter.Instance;
        meter.CreateObservableGauge("pulse.stream.backlog", () => Sum(g => g.BacklogPending), "{event}", "Events accepted by ingest and not yet applied (the stream's lag)");
        meter.CreateObservableGauge("pulse.stream.backlog.limit", () => Max(g => g.BacklogLimit), "{event}", "Backlog above which ingest answers 503 + Retry-After");
        meter.CreateObservableGauge("pulse.accounts.active", () => Sum(g => g.ActiveAccounts), "{account}", "Account grains resident in this silo");
        meter.CreateObservableGauge("pulse.process.gc.heap", LiveHeap, "By", "Managed heap in use (GC.GetTotalMemory; after a full collection in benchmark mode)");
        meter.CreateObservableGauge("pulse.process.gc.heap.after_gc", () => GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes, "By", "Managed heap size after the last GC");
        meter.CreateObservableGauge("pulse.process.memory.rss", () => Process.GetCurrentProcess().WorkingSet64, "By", "Resident set size of the silo process");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (Live) Live.Remove(this);
        return Task.CompletedTask;
    }

    private static long Sum(Func<SiloGauges, long> read) { lock (Live) return Live.Sum(read); }
    private static long Max(Func<SiloGauges, long> read) { lock (Live) return Live.Count == 0 ? 0 : Live.Max(read); }

    private static long LiveHeap()
    {
        bool fullCollection;
        lock (Live) fullCollection = Live.Any(g => g.FullCollectionWhenIdle);
        if (!fullCollection) return GC.GetTotalMemory(false);
        // Idle = nothing applied since the previous scrape; collect once per idle spell, not on every scrape of it.
        var applied = PulseMeter.AppliedSoFar;
        var idle = applied == Interlocked.Exchange(ref _appliedAtLastScrape, applied);
        if (!idle || Interlocked.Exchange(ref _appliedAtLastCollection, applied) == applied) return GC.GetTotalMemory(false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
