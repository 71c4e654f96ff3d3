using Orleans.Concurrency;

namespace Pulse.Health.Contracts;

/// <summary>One customer account (key = account id). Events arrive on its implicit stream, not through this interface.</summary>
[Alias("pulse.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The account as the read API shows it, or null when it has never applied an event.</summary>
    [Alias("GetView")]
    Task<AccountView?> GetView();

    /// <summary>Starts (or refreshes) sending this account's changes to <paramref name="observer"/>. Expires unless refreshed.</summary>
    [Alias("Watch")]
    Task<AccountView?> Watch(IAccountObserver observer);

    [Alias("Unwatch")]
    Task Unwatch(IAccountObserver observer);
}

/// <summary>Receives one account's changes live (the dashboard's drill-down).</summary>
[Alias("pulse.IAccountObserver")]
public interface IAccountObserver : IGrainObserver
{
    [OneWay, Alias("OnAccountChanged")]
    Task OnAccountChanged(AccountView view);
}
