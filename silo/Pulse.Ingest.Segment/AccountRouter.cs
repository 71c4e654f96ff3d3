namespace Pulse.Ingest.Segment;

/// <summary>
/// The account routing rule, in one place (docs/architecture.md §3). A message names its account itself
/// (<see cref="NamedAccount"/>); one that names none goes to the account a previous <c>group</c> call linked its user
/// to, else — for pure B2C — to the userId itself (<see cref="RouteAsync"/>). Group calls in the same request count
/// from where they appear. Live ingest, the backtest and replay's connection choice all route through here.
/// </summary>
public sealed class AccountRouter(IUserLinkStore links)
{
    /// <summary>
    /// The account a message names: a <c>group</c> call's <c>groupId</c>; any other call's <c>context.groupId</c>, else
    /// its top-level <c>groupId</c>, else <c>properties.accountId</c>. Null when it names none (then the user decides).
    /// </summary>
    public static string? NamedAccount(string? type, string? contextGroupId, string? groupId, string? propertiesAccountId) =>
        string.Equals(type, "group", StringComparison.OrdinalIgnoreCase) ? groupId : contextGroupId ?? groupId ?? propertiesAccountId;

    public async Task RouteAsync(IReadOnlyList<ParsedMessage> messages, CancellationToken cancellationToken = default)
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
            m.AccountId = await links.FindAsync(user, cancellationToken) ?? user; // B2C: the user is the account
        }
        if (requestLinks is not null) await links.SaveAsync(requestLinks, cancellationToken);
    }
}
