namespace Pulse.RawGrain.Benchmarks;

/// <summary>The smallest useful grain: one integer of state, one call. What "a raw Orleans grain" costs.</summary>
public interface IBareGrain : IGrainWithIntegerKey
{
    Task<int> Touch(int amount);
}

public sealed class BareGrain : Grain, IBareGrain
{
    private int _total;

    public Task<int> Touch(int amount)
    {
        _total += amount;
        return Task.FromResult(_total);
    }
}
