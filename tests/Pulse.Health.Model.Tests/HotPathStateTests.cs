using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Tests;

/// <summary>
/// The allocation-free / constant-time versions of the logs' hot operations (bitmask active days, recycled
/// de-duplication sets, in-place pruning) answer exactly what the straightforward versions did.
/// </summary>
public class HotPathStateTests
{
    [Fact]
    public void Events_in_a_window_equal_a_plain_sum_across_the_rings_wrap()
    {
        var log = new State.ActivityLog();
        var counts = new Dictionary<int, int>();
        var random = new Random(7);
        for (var day = 1000; day < 1000 + 3 * State.ActivityLog.Days; day++)
        {
            if (random.Next(3) == 0) continue;
            var n = random.Next(1, 40);
            log.Record(day, n);
            counts[day] = n;
            foreach (var (from, to) in new[] { (day - 29, day), (day - 119, day - 30), (day - 200, day), (day - 5, day - 1) })
            {
                var expected = counts.Where(kv => kv.Key >= Math.Max(from, day - State.ActivityLog.Days + 1) && kv.Key <= to).Sum(kv => kv.Value);
                Assert.Equal(expected, log.Events(from, to));
            }
        }
    }

    [Fact]
    public void Active_days_match_a_plain_count_over_the_window_including_wrap_and_gaps()
    {
        var random = new Random(7);
        var log = new ActivityLog();
        var recorded = new Dictionary<int, int>();
        var day = 1000;
        for (var step = 0; step < 600; step++)
        {
            // Mostly consecutive days, sometimes a gap longer than the ring, sometimes a late event inside the window.
            day += random.Next(10) switch { 0 => random.Next(ActivityLog.Days, 2 * ActivityLog.Days), < 7 => random.Next(0, 3), _ => 0 };
            var at = random.Next(5) == 0 ? day - random.Next(0, ActivityLog.Days + 20) : day;
            if (at > log.HeadDay - ActivityLog.Days || !log.HasActivity) recorded[at] = 1;
            log.Record(at);

            var head = log.HeadDay;
            var from = head - random.Next(0, 2 * ActivityLog.Days);
            var to = from + random.Next(0, 2 * ActivityLog.Days);
            var expected = recorded.Keys.Count(d => d >= from && d <= to && d > head - ActivityLog.Days && d <= head);
            Assert.Equal(expected, log.ActiveDays(from, to));
        }
    }

    [Fact]
    public void Active_days_survive_a_codec_round_trip()
    {
        var s = new AccountHealth("a");
        for (var d = 0; d < 200; d += 3) s.Activity.Record(20_000 + d);
        var restored = AccountHealthCodec.Decode(AccountHealthCodec.Encode(s));
        Assert.Equal(s.Activity.ActiveDays(20_000, 20_200), restored.Activity.ActiveDays(20_000, 20_200));
        Assert.Equal(s.Activity.ActiveDays(20_150, 20_180), restored.Activity.ActiveDays(20_150, 20_180));
        Assert.NotEqual(0, restored.Activity.ActiveDays(20_100, 20_200));
    }

    [Fact]
    public void A_recycled_day_set_forgets_the_expired_ids()
    {
        var seen = new MessageDeduplicator();
        Assert.True(seen.TryAdd(1, 100));
        Assert.True(seen.TryAdd(2, 101));
        seen.Expire(100 + MessageDeduplicator.WindowDays); // day 100 goes, its set is kept for reuse
        Assert.True(seen.TryAdd(3, 108));                   // a new day takes the emptied set
        Assert.True(seen.TryAdd(1, 108));                   // id 1 expired with day 100
        Assert.False(seen.TryAdd(2, 108));                  // id 2 (day 101) is still inside the window
        Assert.False(seen.TryAdd(3, 108));
        seen.Expire(101 + MessageDeduplicator.WindowDays);
        Assert.True(seen.TryAdd(2, 109));
    }

    [Fact]
    public void Pruning_keeps_the_recent_days_in_order()
    {
        var days = new List<int> { 5, 1, 9, 3, 10, 2, 8 };
        DayLists.RemoveBefore(days, 5);
        Assert.Equal([5, 9, 10, 8], days);
        DayLists.RemoveBefore(days, 11);
        Assert.Empty(days);
    }
}
