using Pulse.Ingest.Segment;

namespace Pulse.Backtest;

/// <summary>
/// The last step of ingest routing (DESIGN §3), in memory: a message that names no account goes to the account an
/// earlier <c>group</c> call linked its user to, else (pure B2C) to the userId itself. The silo keeps the same links
/// in its link store (process memory in the embedded profile, grains in the postgres one); a replay sees the whole
/// stream in order, so a dictionary is the complete record.
/// </summary>
public sealed class UserAccountLinks
{
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    /// <summary>The account the message belongs to; remembers the link a group call makes.</summary>
    public string Route(ParsedMessage message)
    {
        if (message.LinksUser && message.UserId is { } user && message.AccountId is { } linked)
        {
            _links[user] = linked;
            return linked;
        }
        if (message.AccountId is { } named) return named;
        // The parser rejects messages with neither an account nor a user, so UserId is set here.
        var userId = message.UserId ?? throw new ArgumentException("message names neither an account nor a user", nameof(message));
        return _links.TryGetValue(userId, out var account) ? account : userId;
    }
}
