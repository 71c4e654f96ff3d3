using System.Collections.Concurrent;

namespace Pulse.Ingest.Segment;

/// <summary>
/// Links in one dictionary, for the embedded profile (in the silo process) and the backtest. The embedded profile keeps
/// grain state in the same process's memory, so a grain per user added an activation and a storage write per new user
/// (half the cost of a new account) and ~3 KB per resident user, and bought no durability. About 100 B per user here.
/// Both calls complete at once, so there is nothing for their cancellation tokens to stop.
/// </summary>
public sealed class InMemoryUserLinkStore : IUserLinkStore
{
    private readonly ConcurrentDictionary<string, string> _links = new(StringComparer.Ordinal);

    public int Count => _links.Count;

    public ValueTask<string?> FindAsync(string userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_links.TryGetValue(userId, out var account) ? account : null);

    public Task SaveAsync(IReadOnlyCollection<KeyValuePair<string, string>> links, CancellationToken cancellationToken)
    {
        foreach (var (user, account) in links) _links[user] = account;
        return Task.CompletedTask;
    }
}
