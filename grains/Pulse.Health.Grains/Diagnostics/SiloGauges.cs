using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Health.Grains.Ingest;

namespace Pulse.Health.Grains.Diagnostics;

/// <summary>
/// Gauges of one silo on the <see cref="PulseMeter"/>: stream backlog (accepted, not yet applied), resident accounts,
/// GC heap and process RSS. Resident accounts come from Orleans' management grain, refreshed every few seconds in
/// the background, because a scrape must not wait for a grain call.
/// </summary>
public sealed class SiloGauges(IngestBacklog backlog, IGrainFactory grains, ILocalSiloDetails silo, IOptions<PulseMetricsOptions> options, ILogger<SiloGauges> logger)
    : BackgroundService
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);
    private long _activeAccounts;

    public long ActiveAccounts => Interlocked.Read(ref _activeAccounts);

    public override Task StartAsync(CancellationToken cancellationToken)
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
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        do
        {
            try
            {
                var stats = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]);
                if (logger.IsEnabled(LogLevel.Trace)) logger.LogTrace("Grain types: {Types}", string.Join(", ", stats.Select(s => s.GrainType)));
                Interlocked.Exchange(ref _activeAccounts, stats.Where(s => IsAccount(s.GrainType)).Sum(s => (long)s.ActivationCount));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Counting resident accounts failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private long LiveHeap()
    {
        if (!options.Value.FullCollectionOnScrape) return GC.GetTotalMemory(false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // The management grain names types by their full (sometimes assembly-qualified) CLR name.
    private static bool IsAccount(string grainType) =>
        grainType.Contains("Accounts.AccountGrain", StringComparison.Ordinal) && !grainType.Contains("UserAccountLink", StringComparison.Ordinal);

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try { return await timer.WaitForNextTickAsync(token); }
        catch (OperationCanceledException) { return false; }
    }
}
