using System.Text.Json.Nodes;
using Orleans.Runtime;
using Pulse.Health.Contracts;
using Pulse.Health.Grains.Wakeups;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;

namespace Pulse.Grains.Tests;

/// <summary>
/// What time and ops do to accounts with no event arriving: the wake-up calendar makes an idle account dormant, a
/// published policy reaches active accounts in seconds, a manual override holds until it expires.
/// </summary>
public sealed class TimeAndPolicyTests(ClockedClusterFixture fixture) : IClassFixture<ClockedClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    private async Task SendAsync(string accountId, params HealthEvent[] events)
    {
        var stream = Client.GetStreamProvider(StreamNames.Provider).GetStream<HealthEvent>(StreamId.Create(StreamNames.AccountEvents, accountId));
        await stream.OnNextBatchAsync(events);
    }

    private static async Task<AccountView> WaitForAsync(IAccountGrain grain, Func<AccountView, bool> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        AccountView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await grain.GetView();
            if (view is not null && condition(view)) return view;
            await Task.Delay(50);
        }
        throw new TimeoutException($"waited {seconds}s for {what}; last view: stage {view?.Stage}, score {view?.Score}, policy {view?.PolicyVersion}");
    }

    private HealthEvent[] ActiveB2CMonth(string prefix)
    {
        var start = fixture.Time.GetUtcNow().AddDays(-30);
        var events = new List<HealthEvent>
        {
            new() { MessageId = prefix + "-g", Name = "group", Kind = EventKind.Traits, Timestamp = start, Traits = new AccountTraits { Tier = TouchTier.B2C, Arr = 120 } },
        };
        for (var d = 0; d < 30; d++)
            events.Add(new HealthEvent { MessageId = $"{prefix}-s{d}", Name = "Session Started", Kind = EventKind.SessionStarted, Timestamp = start.AddDays(d) });
        return [.. events];
    }

    [Fact]
    public async Task An_idle_account_turns_dormant_when_the_wakeup_calendar_wakes_it_with_no_event()
    {
        var id = "idle-" + Guid.NewGuid().ToString("N");
        await SendAsync(id, ActiveB2CMonth(id));
        var grain = Client.GetGrain<IAccountGrain>(id);
        var before = await WaitForAsync(grain, v => v.EventsApplied == 31, "31 events applied");
        Assert.NotEqual("Dormant", before.Stage);

        var shard = Client.GetGrain<IAccountWakeupGrain>(AccountWakeupGrain.ShardOf(id));
        Assert.True(await shard.Count() >= 1, "a new account joins the wake-up calendar");
        Assert.Equal(0, await shard.RunDue(fixture.Time.GetUtcNow())); // nothing is due yet

        fixture.Time.Advance(TimeSpan.FromDays(61)); // B2C: 60 days of silence makes the account dormant (book L911)
        var woken = 0;
        for (var i = 0; i < 70 && woken == 0; i++) woken = await shard.RunDue(fixture.Time.GetUtcNow());
        Assert.True(woken >= 1);

        var after = await grain.GetView();
        Assert.Equal("Dormant", after!.Stage);
        Assert.Equal(31, after.EventsApplied); // no event arrived: time alone did it
        Assert.Contains(after.Alerts, a => a.Rule == "inactive-60-days");
        Assert.Contains(after.Explanation, e => e.EventId == "time");
        Assert.True(await shard.Count() >= 1, "the woken account is scheduled again for its next day");
    }

    [Fact]
    public async Task A_published_policy_reaches_an_active_account_in_seconds_and_is_recorded_in_its_explanation()
    {
        var id = "policy-" + Guid.NewGuid().ToString("N");
        var now = fixture.Time.GetUtcNow();
        await SendAsync(id,
            new HealthEvent { MessageId = id + "-g", Name = "group", Kind = EventKind.Traits, Timestamp = now, Traits = new AccountTraits { Tier = TouchTier.LowTouch, Arr = 50_000 } },
            new HealthEvent { MessageId = id + "-s", Name = "Session Started", Kind = EventKind.SessionStarted, Timestamp = now },
            new HealthEvent { MessageId = id + "-t", Name = "Ticket Opened", Kind = EventKind.TicketOpened, Timestamp = now, TicketId = "t1", Priority = 1 },
            new HealthEvent { MessageId = id + "-n", Name = "NPS Submitted", Kind = EventKind.NpsSubmitted, Timestamp = now, Score = 2 });
        var grain = Client.GetGrain<IAccountGrain>(id);
        var before = await WaitForAsync(grain, v => v.EventsApplied == 4, "4 events applied");

        // Only voice of customer counts in the new version: an NPS of 2 must pull the score down to its component.
        var doc = JsonNode.Parse(PolicyDocument.Serialize(DefaultPolicy.Create()))!.AsObject();
        var version = "voice-only-" + Guid.NewGuid().ToString("N")[..8];
        doc["version"] = version;
        foreach (var (_, tier) in doc["tiers"]!.AsObject())
            tier!["weights"] = new JsonObject { ["voiceOfCustomer"] = 1 };
        var result = await Client.GetGrain<IPolicyGrain>(0).Publish(doc.ToJsonString(), "test");
        Assert.True(result.Accepted, string.Join("; ", result.Errors.Select(e => e.Path + ": " + e.Message)));

        var after = await WaitForAsync(grain, v => v.PolicyVersion == version, "the new policy version on the account", seconds: 10);
        Assert.Equal(after.Components["voiceOfCustomer"], after.Score);
        Assert.NotEqual(before.Score, after.Score);
        var explanation = await grain.Explain();
        Assert.Equal(version, explanation!.PolicyVersion);
        Assert.Contains(explanation.LargestChanges, e => e.PolicyVersion == version && e.EventName == "policy " + version);

        var again = await Client.GetGrain<IPolicyGrain>(0).Publish(doc.ToJsonString(), "test");
        Assert.False(again.Accepted);
        Assert.True(again.VersionExists);
    }

    [Fact]
    public async Task A_manual_override_holds_until_it_expires_and_the_ledger_says_who_and_why()
    {
        var id = "override-" + Guid.NewGuid().ToString("N");
        await SendAsync(id, ActiveB2CMonth(id));
        var grain = Client.GetGrain<IAccountGrain>(id);
        var before = await WaitForAsync(grain, v => v.EventsApplied == 31, "31 events applied");

        var expires = fixture.Time.GetUtcNow().AddDays(3);
        var overridden = await grain.SetOverride(new OverrideRequest { Score = 12, Reason = "payment dispute in legal", Author = "alice", ExpiresAt = expires });
        Assert.Equal(12, overridden!.Score);
        Assert.Equal(Band.Red, overridden.Band);
        Assert.Equal(before.Score, overridden.ComputedScore);
        Assert.Equal("alice", overridden.Override!.Author);
        Assert.Contains(overridden.Explanation, e => e.EventName.Contains("manual override to 12 by alice: payment dispute in legal"));

        fixture.Time.Advance(TimeSpan.FromDays(4));
        await grain.Reevaluate();
        var expired = await grain.GetView();
        Assert.Null(expired!.Override);
        Assert.NotEqual(12, expired.Score);
        Assert.Contains(expired.Explanation, e => e.EventName == "manual override by alice expired");
    }
}
