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

    /// <summary>"Why is this account &lt;band&gt;?", or null for an account never seen.</summary>
    [Alias("Explain")]
    Task<AccountExplanationView?> Explain();

    /// <summary>Re-evaluates now with the policy in force (how a new policy version reaches active accounts).</summary>
    [Alias("Reevaluate")]
    Task Reevaluate();

    /// <summary>The wake-up calendar's call: evaluate with no event, and say when the account is next due (null: never).</summary>
    [Alias("Wake")]
    Task<DateTimeOffset?> Wake();

    /// <summary>Overrides the score by hand until the request's expiry. Null for an account never seen.</summary>
    [Alias("SetOverride")]
    Task<AccountView?> SetOverride(OverrideRequest request);

    /// <summary>Removes a manual override. Null for an account never seen.</summary>
    [Alias("ClearOverride")]
    Task<AccountView?> ClearOverride(string author);
}

/// <summary>Receives one account's changes live (the dashboard's drill-down).</summary>
[Alias("pulse.IAccountObserver")]
public interface IAccountObserver : IGrainObserver
{
    [OneWay, Alias("OnAccountChanged")]
    Task OnAccountChanged(AccountView view);
}
