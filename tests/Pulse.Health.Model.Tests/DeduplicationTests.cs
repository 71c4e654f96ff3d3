using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>messageId de-duplication: a redelivery changes nothing; ids are remembered for a bounded window.</summary>
public class DeduplicationTests
{
    [Fact]
    public void Applying_the_same_message_twice_changes_nothing_the_second_time()
    {
        var a = new Account();
        a.DailySessions(0, 5);
        var nps = Nps(Day(6), 2);
        var first = a.Apply(nps);
        Assert.False(first.WasDuplicate);
        Assert.NotEmpty(first.Alerts);

        var before = AccountHealthCodec.Encode(a.State);
        var (events, score, ledger) = (a.State.EventsApplied, a.State.Score, a.State.Ledger.Count);
        var second = a.Apply(nps, receivedAt: Day(6).AddHours(3));

        Assert.True(second.WasDuplicate);
        Assert.Empty(second.Alerts);
        Assert.Null(second.Explanation);
        Assert.Equal(events, a.State.EventsApplied);
        Assert.Equal(score, a.State.Score);
        Assert.Equal(ledger, a.State.Ledger.Count);
        Assert.Equal(before, AccountHealthCodec.Encode(a.State));
    }

    [Fact]
    public void A_redelivery_with_a_different_payload_but_the_same_id_is_still_a_duplicate()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t1") with { MessageId = "msg-1" });
        var retry = a.Apply(Ticket(Day(1), "t2", priority: 1) with { MessageId = "msg-1" });
        Assert.True(retry.WasDuplicate);
        Assert.Single(a.State.Support.Open);
        Assert.Equal(1, a.State.EventsApplied);
    }

    [Fact]
    public void Distinct_ids_with_identical_content_are_both_applied()
    {
        var a = new Account();
        a.Apply(Ev("Outage Reported", Day(0), "o-1"));
        var second = a.Apply(Ev("Outage Reported", Day(0), "o-2"));
        Assert.False(second.WasDuplicate);
        Assert.Equal(2, a.State.EventsApplied);
        Assert.Equal(2, a.State.Support.OutageDays.Count);
    }

    [Fact]
    public void Ids_are_remembered_for_the_window_from_the_day_they_were_received_then_expire()
    {
        Assert.True(MessageDeduplicator.WindowDays >= 7, "docs/architecture.md §3.2: at least a 7-day window");
        var a = new Account();
        var e = Session(Day(0));
        a.Apply(e, receivedAt: Day(0));

        var late = a.Apply(e, receivedAt: Day(MessageDeduplicator.WindowDays - 1).AddHours(11)); // last minutes of the window
        Assert.True(late.WasDuplicate);
        Assert.Equal(1, a.State.EventsApplied);

        var expired = a.Apply(e, receivedAt: Day(MessageDeduplicator.WindowDays));
        Assert.False(expired.WasDuplicate);
        Assert.Equal(2, a.State.EventsApplied);

        // Re-applied, it is remembered again from its new receipt day.
        Assert.True(a.Apply(e, receivedAt: Day(MessageDeduplicator.WindowDays + 1)).WasDuplicate);
    }

    [Fact]
    public void The_window_runs_from_receipt_not_from_event_time()
    {
        var a = new Account();
        var backfill = Session(Day(0)) with { Historical = true };
        a.Apply(backfill, receivedAt: Day(30));
        Assert.True(a.Apply(backfill, receivedAt: Day(35)).WasDuplicate);
    }

    [Fact]
    public void Memory_of_ids_stays_bounded_to_the_window()
    {
        var a = new Account();
        a.DailySessions(0, 59);
        Assert.Equal(MessageDeduplicator.WindowDays, a.State.Seen.Count);
        Assert.Equal(60, a.State.EventsApplied);
    }

    [Fact]
    public void Deduplicator_expires_whole_days()
    {
        var d = new MessageDeduplicator();
        var h1 = MessageDeduplicator.Hash("one");
        var h2 = MessageDeduplicator.Hash("two");
        Assert.True(d.TryAdd(h1, 100));
        Assert.False(d.TryAdd(h1, 103));
        Assert.True(d.TryAdd(h2, 103));
        d.Expire(100 + MessageDeduplicator.WindowDays - 1);
        Assert.True(d.Contains(h1));
        d.Expire(100 + MessageDeduplicator.WindowDays);
        Assert.False(d.Contains(h1));
        Assert.True(d.Contains(h2));
        Assert.Equal(1, d.Count);
    }

    [Fact]
    public void Hashes_are_stable_and_distinguish_ids_of_any_length()
    {
        Assert.Equal(MessageDeduplicator.Hash("abc"), MessageDeduplicator.Hash("abc"));
        Assert.NotEqual(MessageDeduplicator.Hash("abc"), MessageDeduplicator.Hash("abd"));
        var longId = new string('x', 150);
        Assert.Equal(MessageDeduplicator.Hash(longId), MessageDeduplicator.Hash(new string('x', 150)));
        Assert.NotEqual(MessageDeduplicator.Hash(longId), MessageDeduplicator.Hash(longId + "y"));
        Assert.NotEqual(MessageDeduplicator.Hash("é"), MessageDeduplicator.Hash("e"));
        // 64 characters of 3-byte UTF-8 still fit the stack buffer path
        var wide = new string('€', 64);
        Assert.Equal(MessageDeduplicator.Hash(wide), MessageDeduplicator.Hash(new string('€', 64)));
    }
}
