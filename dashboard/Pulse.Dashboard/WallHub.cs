using Microsoft.AspNetCore.SignalR;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>
/// The wall's SignalR hub (<c>/hubs/wall</c>): every client gets <c>frame</c> messages; a client that calls
/// <see cref="Watch"/> also gets <c>account</c> messages for that account.
/// </summary>
public sealed class WallHub(WallFramePublisher frames, AccountWatchRegistry watches) : Hub
{
    public const string FrameMessage = "frame";
    public const string AccountMessage = "account";

    public override async Task OnConnectedAsync()
    {
        // A new client should not wait for the next change to see the wall.
        if (frames.Latest is { } frame) await Clients.Caller.SendAsync(FrameMessage, frame);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await watches.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts live updates for one account; returns its current view, or null if it was never seen.</summary>
    public async Task<AccountView?> Watch(string accountId)
    {
        AccountIdRules.Validate(accountId);
        await Groups.AddToGroupAsync(Context.ConnectionId, AccountWatchRegistry.GroupOf(accountId));
        return await watches.WatchAsync(Context.ConnectionId, accountId);
    }

    public async Task Unwatch(string accountId)
    {
        AccountIdRules.Validate(accountId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AccountWatchRegistry.GroupOf(accountId));
        await watches.UnwatchAsync(Context.ConnectionId, accountId);
    }
}
