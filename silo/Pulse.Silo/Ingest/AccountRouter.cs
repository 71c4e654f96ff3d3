using System.Collections.Concurrent;
using Pulse.Health.Contracts;

namespace Pulse.Silo.Ingest;

/// <summary>
/// Finds the account for messages that name none (DESIGN §3): the account a previous <c>group</c> call linked the
/// user to, else — for pure B2C — the userId itself. Group calls in the same request count from where they appear.
/// </summary>
public sealed class AccountRouter(IGrainFactory grains)
{
    private const int MaxCachedLinks = 200_000;
    private readonly ConcurrentDictionary<string, string> _links = new(StringComparer.Ordinal);

    public async Task RouteAsync(IReadOnlyList<ParsedMessage> messages)
    {
        Dictionary<string, string>? requestLinks = null;
        var linkWrites = new List<Task>();
        foreach (var m in messages)
        {
            if (!m.IsValid) continue;
            if (m.LinksUser && m.UserId is { } linkedUser && m.AccountId is { } linkedAccount)
            {
                (requestLinks ??= new(StringComparer.Ordinal))[linkedUser] = linkedAccount;
                if (!_links.TryGetValue(linkedUser, out var known) || known != linkedAccount)
                {
                    Remember(linkedUser, linkedAccount);
                    linkWrites.Add(grains.GetGrain<IUserAccountLinkGrain>(linkedUser).Link(linkedAccount));
                }
                continue;
            }
            if (m.AccountId is not null || m.UserId is not { } user) continue;
            if (requestLinks is not null && requestLinks.TryGetValue(user, out var inRequest)) { m.AccountId = inRequest; continue; }
            if (_links.TryGetValue(user, out var cached)) { m.AccountId = cached; continue; }
            var stored = await grains.GetGrain<IUserAccountLinkGrain>(user).GetAccount();
            if (stored is not null) Remember(user, stored);
            m.AccountId = stored ?? user; // B2C: the user is the account
        }
        await Task.WhenAll(linkWrites);
    }

    private void Remember(string user, string account)
    {
        if (_links.Count >= MaxCachedLinks) _links.Clear(); // a cache, not the source of truth
        _links[user] = account;
    }
}
