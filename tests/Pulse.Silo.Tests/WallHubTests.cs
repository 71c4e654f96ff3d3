using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pulse.Health.Contracts;

namespace Pulse.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class WallHubTests(SiloFixture silo)
{
    private async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(silo.BaseAddress, "/hubs/wall")).Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task A_connected_client_receives_a_frame_that_reflects_events_it_just_ingested()
    {
        var frames = new ConcurrentQueue<WallFrame>();
        await using var connection = await ConnectAsync();
        connection.On<WallFrame>("frame", frames.Enqueue);

        var before = await silo.Http.GetFromJsonAsync<WallFrame>("/api/wall");
        var account = Segment.NewAccount("frame");
        var arr = 7_777_777.0; // large enough to see in the ARR total
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Group(account, "frame-user", new { arr }),
            Segment.Track(account, "Session Started"))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        WallFrame? seen = null;
        while (DateTime.UtcNow < deadline && seen is null)
        {
            seen = frames.FirstOrDefault(f => f.Totals.Arr >= before!.Totals.Arr + arr - 1 && f.Totals.Accounts > before.Totals.Accounts);
            if (seen is null) await Task.Delay(50);
        }
        Assert.NotNull(seen);
        Assert.Equal(4, seen.Bands.Count);
        Assert.Equal(seen.Totals.Accounts, seen.Bands.Sum(b => b.Count));
        Assert.Equal(seen.Totals.Accounts, seen.ScoreHistogram.Sum());
        Assert.True(seen.Totals.EventsApplied >= before!.Totals.EventsApplied + 2);
    }

    [Fact]
    public async Task Frames_are_sent_at_a_bounded_rate()
    {
        var times = new ConcurrentQueue<DateTime>();
        await using var connection = await ConnectAsync();
        connection.On<WallFrame>("frame", _ => times.Enqueue(DateTime.UtcNow));
        var account = Segment.NewAccount("rate");
        var stop = DateTime.UtcNow.AddSeconds(2);
        var i = 0;
        while (DateTime.UtcNow < stop)
        {
            // Every request changes the aggregate (a new account each time).
            await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account + "-" + i++, "Session Started"))));
        }
        await Task.Delay(300);
        // 250 ms publishing interval: at most ~4 frames a second (+1 on connect, +1 for timer slack).
        Assert.InRange(times.Count, 2, 2 * 4 + 3);
    }

    [Fact]
    public async Task Watch_returns_the_account_and_then_pushes_its_changes()
    {
        var account = Segment.NewAccount("watch");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"))));
        await silo.WaitForAccountAsync(account, 1);

        var updates = new ConcurrentQueue<AccountView>();
        await using var connection = await ConnectAsync();
        connection.On<AccountView>("account", updates.Enqueue);
        var current = await connection.InvokeAsync<AccountView?>("Watch", account);
        Assert.NotNull(current);
        Assert.Equal(1, current.EventsApplied);

        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Track(account, "Ticket Opened", new { ticketId = "w-1", priority = "P1" }))));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        AccountView? pushed = null;
        while (DateTime.UtcNow < deadline && pushed is null)
        {
            pushed = updates.FirstOrDefault(u => u.AccountId == account && u.EventsApplied == 2);
            if (pushed is null) await Task.Delay(50);
        }
        Assert.NotNull(pushed);
        Assert.Equal(100, pushed.Components["support"]);

        // After Unwatch no more account messages arrive for it.
        await connection.InvokeAsync("Unwatch", account);
        var count = updates.Count;
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"))));
        await silo.WaitForAccountAsync(account, 3);
        await Task.Delay(300);
        Assert.Equal(count, updates.Count);
    }

    [Fact]
    public async Task Watching_an_unknown_account_returns_null()
    {
        await using var connection = await ConnectAsync();
        Assert.Null(await connection.InvokeAsync<AccountView?>("Watch", "unknown-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task The_wall_page_is_served_at_the_root()
    {
        var response = await silo.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var script = await silo.Http.GetAsync("/lib/signalr.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("signalR", await script.Content.ReadAsStringAsync());
    }
}
