using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pulse.Simulation.Latency;

namespace Pulse.Cli.Wall;

/// <summary>What a swarm of wall clients saw.</summary>
public sealed record SwarmReport(int Clients, int Connected, int Failed, long Frames, TimeSpan Duration, LatencySummary FrameLag, string? FirstError)
{
    public double FramesPerClientPerSecond => Connected == 0 || Duration <= TimeSpan.Zero ? 0 : Frames / (double)Connected / Duration.TotalSeconds;
}

/// <summary>
/// Many browsers' worth of wall connections from one process: each connects to the hub and receives <c>frame</c>
/// messages; frame lag is arrival time − the frame's <c>at</c> (stamped by the wall grain when it built the frame, on
/// the same machine's clock), so it covers the dashboard's pull interval and the push to every client.
/// </summary>
public sealed class WallClientSwarm(Uri target, int clients, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly LatencyHistogram _lag = new();
    private long _frames;
    private int _connected, _failed;
    private string? _firstError;

    public long Frames => Interlocked.Read(ref _frames);
    public int Connected => Volatile.Read(ref _connected);
    public LatencySummary Lag => _lag.Summary();

    public async Task<SwarmReport> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var connections = new List<HubConnection>();
        try
        {
            // Connect in waves so the hub is not hit by a thousand handshakes at the same instant.
            foreach (var wave in Enumerable.Range(0, clients).Chunk(50))
            {
                var started = await Task.WhenAll(wave.Select(_ => ConnectAsync(cancellationToken)));
                connections.AddRange(started.OfType<HubConnection>());
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Interlocked.Exchange(ref _frames, 0); // count frames over the measured window only
            try { await Task.Delay(duration, _time, cancellationToken); }
            catch (OperationCanceledException) { }
            return new SwarmReport(clients, Connected, Volatile.Read(ref _failed), Frames, watch.Elapsed, _lag.Summary(), _firstError);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private async Task<HubConnection?> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder().WithUrl(SignalRAccountWatcher.HubUri(target)).Build();
        connection.On<JsonElement>("frame", frame =>
        {
            var arrived = _time.GetUtcNow();
            Interlocked.Increment(ref _frames);
            if (frame.TryGetProperty("at", out var at) && at.GetString() is { } text &&
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var built))
                _lag.Record(arrived - built < TimeSpan.Zero ? TimeSpan.Zero : arrived - built);
        });
        try
        {
            await connection.StartAsync(cancellationToken);
            Interlocked.Increment(ref _connected);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, ex.Message, null);
            await connection.DisposeAsync();
            return null;
        }
    }
}
