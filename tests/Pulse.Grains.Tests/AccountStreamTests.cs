using Orleans.Runtime;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Events;

namespace Pulse.Grains.Tests;

public sealed class AccountStreamTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    private async Task SendAsync(string accountId, params HealthEvent[] events)
    {
        var stream = Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<HealthEvent>(StreamId.Create(StreamNames.AccountEvents, accountId));
        await stream.OnNextBatchAsync(events);
    }

    private async Task<AccountView> WaitForEventsAsync(string accountId, long expected)
    {
        var grain = Client.GetGrain<IAccountGrain>(accountId);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        AccountView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await grain.GetView();
            if (view is not null && view.EventsApplied >= expected) return view;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{accountId} applied {view?.EventsApplied ?? 0} events, expected {expected}");
    }

    private static HealthEvent Event(string id, string name, DateTimeOffset at) =>
        new() { MessageId = id, Name = name, Kind = EventCatalog.KindOf(name), Timestamp = at };

    [Fact]
    public async Task Events_on_an_account_stream_reach_that_account_and_change_its_state()
    {
        var now = DateTimeOffset.UtcNow;
        var a = "stream-a-" + Guid.NewGuid().ToString("N");
        var b = "stream-b-" + Guid.NewGuid().ToString("N");

        await SendAsync(a,
            new HealthEvent { MessageId = "a-g", Name = "group", Kind = EventKind.Traits, Timestamp = now, Traits = new AccountTraits { Name = "Alpha", Tier = TouchTier.LowTouch, Arr = 12_000 } },
            Event("a-1", "Session Started", now),
            Event("a-2", "Session Started", now.AddDays(-1)));
        await SendAsync(b,
            Event("b-1", "Session Started", now),
            Event("b-2", "Ticket Opened", now) with { TicketId = "t-1", Priority = 1 });

        var viewA = await WaitForEventsAsync(a, 3);
        var viewB = await WaitForEventsAsync(b, 2);

        Assert.Equal(3, viewA.EventsApplied);
        Assert.Equal("Alpha", viewA.Name);
        Assert.Equal("low-touch", viewA.Tier);
        Assert.Equal(12_000, viewA.Arr);
        Assert.NotNull(viewA.Components["adoption"]);
        Assert.Null(viewA.Components["support"]); // no support event went to A

        Assert.Equal(2, viewB.EventsApplied);
        Assert.Equal(100, viewB.Components["support"]);
        Assert.Null(viewB.Name);
        Assert.Equal("b-2", viewB.Explanation[0].EventId);
    }

    [Fact]
    public async Task An_event_sent_twice_with_the_same_message_id_is_applied_once()
    {
        var now = DateTimeOffset.UtcNow;
        var account = "dup-" + Guid.NewGuid().ToString("N");
        var ticket = Event("dup-1", "Ticket Opened", now) with { TicketId = "t-9", Priority = 2 };

        await SendAsync(account, ticket);
        await SendAsync(account, ticket, Event("dup-2", "Session Started", now));
        await SendAsync(account, ticket);
        var view = await WaitForEventsAsync(account, 2);

        // Give a wrongly applied third copy time to show up before asserting it did not.
        await Task.Delay(500);
        view = await Client.GetGrain<IAccountGrain>(account).GetView();
        Assert.Equal(2, view!.EventsApplied);
    }

    [Fact]
    public async Task An_account_that_never_received_an_event_has_no_view()
    {
        Assert.Null(await Client.GetGrain<IAccountGrain>("never-" + Guid.NewGuid().ToString("N")).GetView());
    }

    [Fact]
    public async Task The_wall_aggregate_counts_accounts_and_events_from_the_silo()
    {
        var now = DateTimeOffset.UtcNow;
        var before = await Client.GetGrain<IWallGrain>(0).GetFrame();
        var account = "wall-" + Guid.NewGuid().ToString("N");
        await SendAsync(account,
            new HealthEvent { MessageId = "w-g", Name = "group", Kind = EventKind.Traits, Timestamp = now, Traits = new AccountTraits { Arr = 5_000 } },
            Event("w-1", "Session Started", now));
        await WaitForEventsAsync(account, 2);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        WallFrame frame;
        do
        {
            await Task.Delay(100);
            frame = await Client.GetGrain<IWallGrain>(0).GetFrame();
        } while (frame.Totals.Accounts < before.Totals.Accounts + 1 && DateTime.UtcNow < deadline);

        Assert.Equal(before.Totals.Accounts + 1, frame.Totals.Accounts);
        Assert.True(frame.Totals.EventsApplied >= before.Totals.EventsApplied + 2);
        Assert.Equal(frame.Totals.Accounts, frame.Bands.Sum(b => b.Count));
        Assert.Equal(frame.Totals.Accounts, frame.Stages.Sum(s => s.Count));
        Assert.Equal(frame.Totals.Accounts, frame.ScoreHistogram.Sum());
        Assert.True(frame.Totals.Arr >= before.Totals.Arr + 5_000 - 0.01);
    }
}
