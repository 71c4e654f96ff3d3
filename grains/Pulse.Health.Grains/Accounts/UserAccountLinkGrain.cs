using Pulse.Health.Contracts;

namespace Pulse.Health.Grains.Accounts;

[GenerateSerializer, Alias("pulse.UserAccountLink")]
public sealed class UserAccountLink
{
    [Id(0)] public string? AccountId { get; set; }
}

/// <summary>The account a user was last grouped into (key = userId).</summary>
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
