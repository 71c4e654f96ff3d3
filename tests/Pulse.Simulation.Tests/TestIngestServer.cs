using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pulse.Simulation.Tests;

/// <summary>One request the stub received.</summary>
internal sealed record ReceivedBatch(int Number, TimeSpan At, string? Authorization, bool Historical, string SentAt, IReadOnlyList<JsonElement> Messages)
{
    public IEnumerable<string> MessageIds => Messages.Select(m => m.GetProperty("messageId").GetString()!);
}

/// <summary>A decision about one request: status, JSON body, optional Retry-After seconds.</summary>
internal sealed record StubAnswer(int Status, object Body, int? RetryAfterSeconds = null)
{
    public static StubAnswer Ok(int accepted) => new(200, new { success = true, accepted });
}

/// <summary>
/// A minimal Segment-style ingest endpoint on 127.0.0.1 with a free port: records every <c>POST /v1/batch</c> and
/// answers as the test's <c>respond</c> function says (default: 200, all accepted).
/// </summary>
internal sealed class TestIngestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _number;

    private TestIngestServer(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedBatch> Received { get; } = new();
    public Uri BaseUri { get; private set; } = null!;

    public IEnumerable<ReceivedBatch> InOrder => Received.OrderBy(r => r.Number);

    public static async Task<TestIngestServer> StartAsync(Func<ReceivedBatch, StubAnswer>? respond = null)
    {
        respond ??= batch => StubAnswer.Ok(batch.Messages.Count);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TestIngestServer(app);
        app.MapPost("/v1/batch", async (HttpContext http) =>
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body);
            var root = doc.RootElement;
            var batch = new ReceivedBatch(
                Interlocked.Increment(ref server._number),
                server._clock.Elapsed,
                http.Request.Headers.Authorization.ToString(),
                root.TryGetProperty("historical", out var h) && h.GetBoolean(),
                root.GetProperty("sentAt").GetString()!,
                root.GetProperty("batch").EnumerateArray().Select(e => e.Clone()).ToList());
            server.Received.Enqueue(batch);
            var answer = respond(batch);
            if (answer.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString();
            http.Response.StatusCode = answer.Status;
            await http.Response.WriteAsJsonAsync(answer.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
