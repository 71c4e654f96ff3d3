using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.Health.Contracts;

namespace Pulse.Health.Grains.Wall;

/// <summary>Ships this silo's wall delta to the cluster aggregate every <see cref="Interval"/> (docs/architecture.md §5: 250 ms).</summary>
public sealed class WallFlusher(SiloWallAggregator aggregator, IGrainFactory grains, ILogger<WallFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushAsync(); // last counts before the silo stops
    }

    public async Task FlushAsync()
    {
        var delta = aggregator.Take();
        if (delta is null) return;
        try
        {
            await grains.GetGrain<IWallGrain>(0).Apply(delta);
        }
        catch (Exception ex)
        {
            aggregator.Return(delta);
            logger.LogWarning(ex, "Wall flush failed; the delta is kept for the next flush");
        }
    }
}
