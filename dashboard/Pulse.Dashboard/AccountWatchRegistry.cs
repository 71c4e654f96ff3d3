using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>
/// Which browser connections on this dashboard host watch which accounts. The host registers itself once per
/// watched account as an Orleans observer, relays that account's changes to the SignalR group of its watchers,
/// and refreshes the registrations before they expire (accounts forget silent observers).
/// </summary>
public sealed class AccountWatchRegistry(IGrainFactory grains, IHubContext<WallHub> hub, ILogger<AccountWatchRegistry> logger)
    : BackgroundService, IAccountObserver
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, HashSet<string>> _watchersByAccount = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _accountsByConnection = new(StringComparer.Ordinal);
    private IAccountObserver? _reference;

    public static string GroupOf(string accountId) => "account:" + accountId;

    public int WatchedAccounts => _watchersByAccount.Count;

    private IAccountObserver Reference => _reference ??= grains.CreateObjectReference<IAccountObserver>(this);

    public async Task<AccountView?> WatchAsync(string connectionId, string accountId)
    {
        var watchers = _watchersByAccount.GetOrAdd(accountId, _ => []);
        lock (watchers) watchers.Add(connectionId);
        var accounts = _accountsByConnection.GetOrAdd(connectionId, _ => []);
        lock (accounts) accounts.Add(accountId);
        return await grains.GetGrain<IAccountGrain>(accountId).Watch(Reference);
    }

    public async Task UnwatchAsync(string connectionId, string accountId)
    {
        if (_accountsByConnection.TryGetValue(connectionId, out var accounts))
            lock (accounts) accounts.Remove(accountId);
        if (!_watchersByAccount.TryGetValue(accountId, out var watchers)) return;
        bool last;
        lock (watchers)
        {
            watchers.Remove(connectionId);
            last = watchers.Count == 0;
            if (last) _watchersByAccount.TryRemove(accountId, out _);
        }
        if (last) await grains.GetGrain<IAccountGrain>(accountId).Unwatch(Reference);
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        if (!_accountsByConnection.TryRemove(connectionId, out var accounts)) return;
        string[] list;
        lock (accounts) list = [.. accounts];
        foreach (var accountId in list)
        {
            try { await UnwatchAsync(connectionId, accountId); }
            catch (Exception ex) { logger.LogDebug(ex, "Unwatch of {Account} failed on disconnect", accountId); }
        }
    }

    public Task OnAccountChanged(AccountView view) =>
        hub.Clients.Group(GroupOf(view.AccountId)).SendAsync(WallHub.AccountMessage, view);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var accountId in _watchersByAccount.Keys)
                {
                    try { await grains.GetGrain<IAccountGrain>(accountId).Watch(Reference); }
                    catch (Exception ex) { logger.LogWarning(ex, "Refreshing the watch on {Account} failed", accountId); }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
