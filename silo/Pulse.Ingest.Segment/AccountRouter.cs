namespace Pulse.Ingest.Segment;

/// <summary>
/// Finds the account for messages that name none (DESIGN §3): the account a previous <c>group</c> call linked the
/// user to, else — for pure B2C — the userId itself. Group calls in the same request count from where they appear.
/// </summary>
public sealed class AccountRouter(IUserLinkStore links)
{
    public async Task RouteAsync(IReadOnlyList<ParsedMessage> messages)
    {
        Dictionary<string, string>? requestLinks = null;
        foreach (var m in messages)
        {
            if (!m.IsValid) continue;
            if (m.LinksUser && m.UserId is { } linkedUser && m.AccountId is { } linkedAccount)
            {
                (requestLinks ??= new(StringComparer.Ordinal))[linkedUser] = linkedAccount;
                continue;
            }
            if (m.AccountId is not null || m.UserId is not { } user) continue;
            if (requestLinks is not null && requestLinks.TryGetValue(user, out var inRequest)) { m.AccountId = inRequest; continue; }
            m.AccountId = await links.FindAsync(user) ?? user; // B2C: the user is the account
        }
        if (requestLinks is not null) await links.SaveAsync(requestLinks);
    }
}
