using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Pulse.Silo.Hosting;
using Pulse.Silo.Ingest;
using Pulse.Simulation;

namespace Pulse.Silo.Demo;

/// <summary>
/// The built-in synthetic stream behind <c>--demo</c>: the same generator as <c>pulse simulate</c>, sending over this
/// silo's own ingest API like any real source, so the demo exercises the whole loop.
/// </summary>
public sealed class DemoStreamService(
    DemoOptions demo,
    IOptions<IngestOptions> ingest,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoStreamService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; } catch (OperationCanceledException) { return; }
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var target = new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1"));
        logger.LogInformation("Demo stream: {Accounts} synthetic accounts, {Rate} events/s, {Backfill} days of backfill, into {Target}",
            demo.Accounts, demo.Rate, demo.BackfillDays, target);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var runner = new SimulationRunner(http, new SimulationOptions
        {
            Target = target,
            WriteKey = ingest.Value.WriteKeys.FirstOrDefault() ?? "dev-write-key",
            Accounts = demo.Accounts,
            EventsPerSecond = demo.Rate,
            Duration = null,
            Seed = demo.Seed,
            BackfillDays = demo.BackfillDays,
        });
        try
        {
            var summary = await runner.RunAsync(stoppingToken);
            logger.LogInformation("Demo stream finished: {Summary}", summary);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Demo stream stopped");
        }
    }
}
