namespace Pulse.Health.Contracts;

/// <summary>The cluster-wide wall aggregate (a single activation, key 0): deltas in from each silo, frames out.</summary>
[Alias("pulse.IWallGrain")]
public interface IWallGrain : IGrainWithIntegerKey
{
    [Alias("Apply")]
    Task Apply(WallDelta delta);

    [Alias("GetFrame")]
    Task<WallFrame> GetFrame();
}
