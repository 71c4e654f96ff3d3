using System.Text;
using System.Text.RegularExpressions;
using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Tests;

public class GeneratorDeterminismTests
{
    private static byte[] Stream(CustomerGenerator generator, int liveRounds)
    {
        var bytes = new List<byte>();
        foreach (var m in generator.Backfill()) { bytes.AddRange(m.Json.ToArray()); bytes.Add((byte)'\n'); }
        foreach (var (_, messages) in Sim.LiveRounds(generator, liveRounds))
            foreach (var m in messages) { bytes.AddRange(m.Json.ToArray()); bytes.Add((byte)'\n'); }
        return bytes.ToArray();
    }

    [Fact]
    public void Same_seed_and_options_give_byte_identical_streams()
    {
        var a = Stream(Sim.Generator(300, seed: 42), liveRounds: 30);
        var b = Stream(Sim.Generator(300, seed: 42), liveRounds: 30);
        Assert.True(a.Length > 100_000, $"stream is only {a.Length} bytes");
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_seed_gives_a_different_stream()
    {
        var a = Stream(Sim.Generator(200, seed: 42), liveRounds: 5);
        var b = Stream(Sim.Generator(200, seed: 43), liveRounds: 5);
        Assert.NotEqual(a, b);
        // Not just the ids: personas and behaviour differ too.
        var personasA = Sim.Generator(200, seed: 42).Profiles().Select(p => p.Persona).ToList();
        var personasB = Sim.Generator(200, seed: 43).Profiles().Select(p => p.Persona).ToList();
        Assert.NotEqual(personasA, personasB);
    }

    [Fact]
    public void An_accounts_stream_does_not_depend_on_partitioning_or_visiting_order()
    {
        var whole = Sim.BackfillByAccount(Sim.Generator(120));
        var partitioned = Sim.Generator(120);
        var seen = new Dictionary<int, List<string>>();
        // Visit partitions in reverse, as concurrent connections might.
        for (var p = 3; p >= 0; p--)
            foreach (var m in partitioned.Backfill(p, 4))
                (seen.TryGetValue(m.AccountIndex, out var l) ? l : seen[m.AccountIndex] = []).Add(m.ToString());
        Assert.Equal(120, seen.Count);
        foreach (var (index, messages) in whole)
            Assert.Equal(messages.Select(m => m.ToString()), seen[index]);
    }

    [Fact]
    public void Message_ids_are_unique_and_derived_from_seed_day_account_and_sequence()
    {
        var generator = Sim.Generator(200, seed: 42);
        var messages = generator.Backfill().ToList();
        messages.AddRange(Sim.LiveRounds(generator, 20).SelectMany(kv => kv.Value));
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        var pattern = new Regex(@"^sim-42-20261122-(\d{6})-(\d+)$");
        foreach (var group in messages.GroupBy(m => m.AccountIndex))
        {
            var sequence = group.Select(m =>
            {
                var match = pattern.Match(m.MessageId);
                Assert.True(match.Success, m.MessageId);
                Assert.Equal(m.AccountIndex, int.Parse(match.Groups[1].Value));
                return long.Parse(match.Groups[2].Value);
            }).ToList();
            Assert.Equal(Enumerable.Range(0, sequence.Count).Select(i => (long)i), sequence);
        }
    }

    [Fact]
    public void Live_messages_carry_the_clock_time_and_history_stays_before_today()
    {
        var generator = Sim.Generator(50);
        var backfill = generator.Backfill().ToList();
        Assert.All(backfill, m => Assert.True(m.Timestamp < Sim.Anchor.UtcDateTime.Date, m.ToString()));
        Assert.All(backfill, m => Assert.False(m.IsLive));
        var now = Sim.Anchor.AddHours(3).AddMilliseconds(123);
        var live = Sim.LiveRounds(generator, 10, new FixedClock(now)).SelectMany(kv => kv.Value).ToList();
        Assert.NotEmpty(live);
        Assert.All(live, m => Assert.Equal(now, m.Timestamp));
        Assert.All(live, m => Assert.True(m.IsLive));
        Assert.Contains("\"timestamp\":\"2026-11-22T15:00:00.123Z\"", live[0].ToString());
    }

    [Fact]
    public void Live_rounds_replay_the_history_silently_when_it_was_not_enumerated()
    {
        var clock = new FixedClock(Sim.Anchor);
        var withHistory = Sim.Generator(40);
        _ = withHistory.Backfill().ToList();
        var a = Sim.LiveRounds(withHistory, 15, clock);
        var b = Sim.LiveRounds(Sim.Generator(40), 15, clock);
        foreach (var (index, messages) in a)
            Assert.Equal(messages.Select(m => m.ToString()), b[index].Select(m => m.ToString()));
    }

    [Fact]
    public void The_prng_is_fully_specified()
    {
        // xoshiro256** seeded by SplitMix64(0): pinned values, so a change of algorithm cannot slip through.
        var r = new DeterministicRandom(0);
        var first = Enumerable.Range(0, 3).Select(_ => r.NextUInt64()).ToArray();
        var again = new DeterministicRandom(0);
        Assert.Equal(first, Enumerable.Range(0, 3).Select(_ => again.NextUInt64()).ToArray());
        Assert.Equal(Expected, first);
        var counts = new int[10];
        var u = DeterministicRandom.For(1, 1, RandomStream.Behaviour);
        for (var i = 0; i < 100_000; i++) counts[u.Next(10)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    private static readonly ulong[] Expected = ComputeReference();

    /// <summary>Reference xoshiro256** written out independently of the library.</summary>
    private static ulong[] ComputeReference()
    {
        ulong sm = 0;
        ulong Next() { sm += 0x9E3779B97F4A7C15UL; var z = sm; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL; return z ^ (z >> 31); }
        ulong s0 = Next(), s1 = Next(), s2 = Next(), s3 = Next();
        static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));
        var result = new ulong[3];
        for (var i = 0; i < 3; i++)
        {
            result[i] = Rotl(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = Rotl(s3, 45);
        }
        return result;
    }

    [Fact]
    public void Json_is_written_in_a_fixed_order_with_invariant_formatting()
    {
        var group = Sim.Generator(3).Account(1).Backfill().First();
        var text = Encoding.UTF8.GetString(group.Json.Span);
        Assert.StartsWith("{\"type\":\"group\",\"messageId\":\"sim-7-20261122-000001-0\",\"timestamp\":\"2026-10-08T", text);
        Assert.Contains("\"groupId\":\"acct-000001\",\"traits\":{\"name\":", text);
        Assert.Matches("\"renewalDate\":\"\\d{4}-\\d{2}-\\d{2}\"", text);
        Assert.DoesNotContain("\": ", text); // compact, no indentation
        Assert.EndsWith("}}", text);
    }
}
