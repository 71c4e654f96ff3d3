namespace Pulse.Health.Contracts;

/// <summary>
/// Remembers which account a user belongs to (key = userId), set by Segment <c>group</c> calls, so that later
/// <c>track</c> calls carrying only a userId reach the right account (docs/architecture.md §3.3).
/// </summary>
[Alias("pulse.IUserAccountLinkGrain")]
public interface IUserAccountLinkGrain : IGrainWithStringKey
{
    [Alias("Link")]
    Task Link(string accountId);

    [Alias("GetAccount")]
    Task<string?> GetAccount();
}
