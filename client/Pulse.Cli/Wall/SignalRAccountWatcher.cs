using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pulse.Simulation.Latency;

namespace Pulse.Cli.Wall;

/// <summary>
/// Watches accounts on the wall's SignalR hub exactly as a browser's drill-down does (<c>Watch(accountId)</c>, then
/// <c>account</c> messages) and feeds each update's <c>eventsApplied</c> to a <see cref="LatencyTracker"/>.
/// </summary>
public sealed class SignalRAccountWatcher : IAccountWatcher, IAsyncDisposable
{
    public const string HubPath = "hubs/wall";

    private readonly HubConnection _connection;
    private readonly LatencyTracker _tracker;
    private readonly TimeProvider _time;

    private SignalRAccountWatcher(HubConnection connection, LatencyTracker tracker, TimeProvider time)
    {
        _connection = connection;
        _tracker = tracker;
        _time = time;
        _connection.On<JsonElement>("account", view =>
        {
            var arrived = _time.GetTimestamp();
            if (view.TryGetProperty("accountId", out var id) && id.GetString() is { } accountId &&
                view.TryGetProperty("eventsApplied", out var applied) && applied.TryGetInt64(out var count))
                _tracker.Observed(accountId, count, arrived);
        });
    }

    public static Uri HubUri(Uri target)
    {
        var text = target.AbsoluteUri;
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), HubPath);
    }

    public static async Task<SignalRAccountWatcher> ConnectAsync(Uri target, LatencyTracker tracker, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var connection = new HubConnectionBuilder().WithUrl(HubUri(target)).Build();
        var watcher = new SignalRAccountWatcher(connection, tracker, time ?? TimeProvider.System);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"cannot connect to the wall hub at {HubUri(target)}: {ex.Message}", ex);
        }
        return watcher;
    }

    public async Task<long> WatchAsync(string accountId, CancellationToken cancellationToken)
    {
        var view = await _connection.InvokeAsync<JsonElement?>("Watch", accountId, cancellationToken);
        return view is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("eventsApplied", out var applied) && applied.TryGetInt64(out var n) ? n : 0;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
