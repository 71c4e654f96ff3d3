using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>
/// Pulls the cluster aggregate's frame a few times a second and broadcasts it to every connected browser when it
/// changed. Each dashboard host does this on its own, so Orleans is the backplane (docs/architecture.md §5) and the push rate to
/// browsers is bounded by <see cref="Interval"/> however fast accounts change.
/// </summary>
public sealed class WallFramePublisher(IGrainFactory grains, IHubContext<WallHub> hub, ILogger<WallFramePublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public WallFrame? Latest { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var frame = await grains.GetGrain<IWallGrain>(0).GetFrame();
                    failures = 0;
                    if (Latest is not null && frame.Version == Latest.Version && frame.Totals.EventsPerSecond == Latest.Totals.EventsPerSecond) continue;
                    Latest = frame;
                    await hub.Clients.All.SendAsync(WallHub.FrameMessage, frame, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (failures++ % 40 == 0) logger.LogWarning(ex, "Could not read the wall frame");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
