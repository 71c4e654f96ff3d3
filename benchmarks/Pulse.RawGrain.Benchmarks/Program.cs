using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.RawGrain.Benchmarks;

// Usage:
//   calls  [seconds=10] [grains=10000] [concurrency=256]   raw grain calls/s from the silo's own client
//   memory [grains=1000000] [concurrency=512]              bytes per resident bare grain (GC heap and RSS) and activations/s
// Prints one JSON object per figure on standard output.
var mode = args.Length > 0 ? args[0] : "calls";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
if (mode is not ("calls" or "memory"))
{
    Console.Error.WriteLine($"unknown mode '{mode}': use 'calls [seconds] [grains] [concurrency]' or 'memory [grains] [concurrency]'");
    return 2;
}

using var host = Host.CreateDefaultBuilder()
    .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
    .UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "raw-bench", clusterId: "raw-bench-" + Environment.ProcessId))
    .Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

if (mode == "calls")
{
    var seconds = Arg(1, 10);
    var count = Arg(2, 10_000);
    var concurrency = Arg(3, 256);
    await ActivateAsync(grains, count, concurrency); // activation is measured separately
    // Warm-up, then count completed calls over the measured window.
    await RunCallsAsync(grains, count, concurrency, TimeSpan.FromSeconds(Math.Min(2, seconds)));
    var watch = Stopwatch.StartNew();
    var calls = await RunCallsAsync(grains, count, concurrency, TimeSpan.FromSeconds(seconds));
    Console.WriteLine(FormattableString.Invariant(
        $"{{\"figure\":\"raw-grain-calls\",\"callsPerSecond\":{calls / watch.Elapsed.TotalSeconds:0},\"calls\":{calls},\"seconds\":{watch.Elapsed.TotalSeconds:0.00},\"grains\":{count},\"concurrency\":{concurrency}}}"));
}
else
{
    var count = Arg(1, 1_000_000);
    var concurrency = Arg(2, 512);
    var (heapBefore, rssBefore) = Memory();
    var watch = Stopwatch.StartNew();
    await ActivateAsync(grains, count, concurrency);
    var seconds = watch.Elapsed.TotalSeconds;
    var (heapAfter, rssAfter) = Memory();
    Console.WriteLine(FormattableString.Invariant(
        $"{{\"figure\":\"bare-grain-memory\",\"grains\":{count},\"activationsPerSecond\":{count / seconds:0},\"heapBytesPerGrain\":{(heapAfter - heapBefore) / (double)count:0},\"rssBytesPerGrain\":{(rssAfter - rssBefore) / (double)count:0},\"heapBefore\":{heapBefore},\"heapAfter\":{heapAfter},\"rssBefore\":{rssBefore},\"rssAfter\":{rssAfter}}}"));
}
// Deactivating a million grains one by one takes minutes and measures nothing: leave without a graceful stop.
Environment.Exit(0);
return 0;

static async Task ActivateAsync(IGrainFactory grains, int count, int concurrency)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int id;
        while ((id = Interlocked.Increment(ref next)) < count) await grains.GetGrain<IBareGrain>(id).Touch(1);
    }));
}

static async Task<long> RunCallsAsync(IGrainFactory grains, int count, int concurrency, TimeSpan duration)
{
    long calls = 0;
    using var stop = new CancellationTokenSource(duration);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var random = new Random(worker);
        long mine = 0;
        while (!stop.IsCancellationRequested)
        {
            await grains.GetGrain<IBareGrain>(random.Next(count)).Touch(1);
            mine++;
        }
        Interlocked.Add(ref calls, mine);
    }));
    return calls;
}

// A full blocking, compacting collection first: the heap then holds only what is live.
static (long Heap, long Rss) Memory()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    using var process = Process.GetCurrentProcess();
    return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
