using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pulse.Postgres.Log;

/// <summary>
/// LISTENs on one connection per silo and wakes the readers of the partitions named in a notification, so idle
/// readers need not poll the database. Appends in this silo wake readers directly. Reconnects after failures.
/// </summary>
public sealed class LogNotifications(NpgsqlDataSource db, ILogger<LogNotifications> logger) : IAsyncDisposable
{
    public const string Channel = "pulse_events";

    private readonly ConcurrentDictionary<int, Action> _wakers = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private readonly Lock _gate = new();

    public void Register(int partition, Action wake)
    {
        _wakers[partition] = wake;
        lock (_gate) _loop ??= Task.Run(ListenAsync);
    }

    public void Unregister(int partition) => _wakers.TryRemove(partition, out _);

    public void WakeLocal(int partition)
    {
        if (_wakers.TryGetValue(partition, out var wake)) wake();
    }

    private void WakeAll()
    {
        foreach (var wake in _wakers.Values) wake();
    }

    private async Task ListenAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                conn.Notification += (_, e) =>
                {
                    foreach (var part in e.Payload.Split(',', StringSplitOptions.RemoveEmptyEntries))
                        if (int.TryParse(part, out var p)) WakeLocal(p);
                };
                await using (var cmd = new NpgsqlCommand($"LISTEN {Channel}", conn)) await cmd.ExecuteNonQueryAsync(ct);
                // Anything committed while we were not listening: let every reader look once.
                WakeAll();
                while (!ct.IsCancellationRequested) await conn.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for log notifications failed; retrying in 1 s");
                try { await Task.Delay(1000, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try { await _loop; } catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}
