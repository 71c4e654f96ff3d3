using System.Collections.Concurrent;

namespace Pulse.Health.Grains.Accounts;

/// <summary>
/// The accounts active on this silo, so a policy change can re-evaluate them without scanning storage. Accounts add
/// themselves on activation and remove themselves on deactivation; the id string is the account's own, not a copy.
/// </summary>
public sealed class ActiveAccounts
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public void Add(string accountId) => _ids.TryAdd(accountId, 0);

    public void Remove(string accountId) => _ids.TryRemove(accountId, out _);

    public string[] Snapshot() => [.. _ids.Keys];
}
