using Pulse.Health.Contracts;

namespace Pulse.Health.Grains.Accounts;

[GenerateSerializer, Alias("pulse.UserAccountLink")]
public sealed class UserAccountLink
{
    [Id(0)] public string? AccountId { get; set; }
}

/// <summary>
/// The account a user was last grouped into (key = userId), for the durable profiles. Written once per user and read
/// only on a silo's cache miss, so it leaves memory after two idle minutes instead of the default collection age.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class UserAccountLinkGrain(
    [PersistentState("link", StreamNames.Storage)] IPersistentState<UserAccountLink> link) : Grain, IUserAccountLinkGrain
{
    public async Task Link(string accountId)
    {
        if (link.State.AccountId == accountId) return;
        link.State.AccountId = accountId;
        await link.WriteStateAsync();
    }

    public Task<string?> GetAccount() => Task.FromResult(link.State.AccountId);
}
