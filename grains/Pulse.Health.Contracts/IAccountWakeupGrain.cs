namespace Pulse.Health.Contracts;

/// <summary>
/// One shard of the wake-up calendar (key = shard number): when each account of the shard should next be evaluated
/// with no event (decay, inactivity, renewal window, SLA — docs/architecture.md §4.2). A few dozen shards with one coarse
/// reminder each serve millions of accounts; no account holds a reminder of its own.
/// </summary>
[Alias("pulse.IAccountWakeupGrain")]
public interface IAccountWakeupGrain : IGrainWithIntegerKey
{
    /// <summary>Sets (or moves) when the account is next due. One-way: an activating account never waits on it.</summary>
    [Orleans.Concurrency.OneWay, Alias("Schedule")]
    Task Schedule(string accountId, DateTimeOffset due);

    /// <summary>Wakes every account due at or before <paramref name="now"/> and returns how many it woke.</summary>
    [Alias("RunDue")]
    Task<int> RunDue(DateTimeOffset now);

    /// <summary>How many accounts the shard is holding.</summary>
    [Alias("Count")]
    Task<int> Count();
}
