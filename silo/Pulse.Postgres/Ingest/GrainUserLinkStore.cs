using System.Collections.Concurrent;
using Pulse.Health.Contracts;
using Pulse.Ingest.Segment;

namespace Pulse.Postgres.Ingest;

/// <summary>
/// The durable profiles' links: one <see cref="IUserAccountLinkGrain"/> per user, persisted, in front of a bounded
/// per-silo cache so a known link costs no grain call. The link grains are written once and read rarely, so they
/// leave memory soon after (see the grain's collection age). Cancellation stops the wait for a grain call, not the call:
/// a link write that still lands is only cached once a later request finds it.
/// </summary>
public sealed class GrainUserLinkStore(IGrainFactory grains) : IUserLinkStore
{
    private const int MaxCachedLinks = 200_000;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private int _cached; // counted here: ConcurrentDictionary.Count takes every lock, and showed in ingest profiles

    public async ValueTask<string?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var cached)) return cached;
        var stored = await grains.GetGrain<IUserAccountLinkGrain>(userId).GetAccount().WaitAsync(cancellationToken);
        if (stored is not null) Remember(userId, stored);
        return stored;
    }

    public Task SaveAsync(IReadOnlyCollection<KeyValuePair<string, string>> links, CancellationToken cancellationToken)
    {
        List<Task>? writes = null;
        foreach (var (user, account) in links)
        {
            if (_cache.TryGetValue(user, out var known) && known == account) continue;
            (writes ??= []).Add(LinkAsync(user, account, cancellationToken));
        }
        return writes is null ? Task.CompletedTask : Task.WhenAll(writes);
    }

    private async Task LinkAsync(string user, string account, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IUserAccountLinkGrain>(user).Link(account).WaitAsync(cancellationToken);
        Remember(user, account); // only once stored: a failed write is retried with the request
    }

    private void Remember(string user, string account)
    {
        if (Interlocked.Increment(ref _cached) > MaxCachedLinks)
        {
            _cache.Clear(); // a cache, not the source of truth
            Interlocked.Exchange(ref _cached, 1);
        }
        _cache[user] = account;
    }
}
