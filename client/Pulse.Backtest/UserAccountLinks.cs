using Pulse.Ingest.Segment;

namespace Pulse.Backtest;

/// <summary>
/// The last step of ingest routing (docs/architecture.md §3.3) for a replay: live ingest's own <see cref="AccountRouter"/> over an
/// in-memory link store, one message at a time. A replay sees the whole stream in order, so the dictionary is the
/// complete record, and the store never waits, so routing completes synchronously.
/// </summary>
public sealed class UserAccountLinks
{
    private readonly AccountRouter _router = new(new InMemoryUserLinkStore());

    /// <summary>The account the message belongs to; remembers the link a group call makes.</summary>
    public string Route(ParsedMessage message)
    {
        // The parser rejects messages with neither an account nor a user, so one of them is set after routing.
        var routing = _router.RouteAsync([message]);
        if (!routing.IsCompletedSuccessfully) routing.GetAwaiter().GetResult(); // surfaces a failure; never blocks here
        return message.AccountId ?? throw new ArgumentException("message names neither an account nor a user", nameof(message));
    }
}
