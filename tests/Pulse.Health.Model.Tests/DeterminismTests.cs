using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Same state + same inputs + same policy ⇒ same result, whatever the thread or what else ran in between.</summary>
public class DeterminismTests
{
    private static string Describe(HealthChange c) =>
        string.Join("|", c.WasDuplicate, c.IsNewAccount, c.ScoreBefore.ToString("R"), c.ScoreAfter.ToString("R"), c.BandBefore, c.BandAfter,
            c.StageBefore, c.StageAfter, c.FlagsBefore, c.FlagsAfter, c.ArrBefore, c.ArrAfter,
            string.Join(",", c.Alerts.Select(a => a.Rule + ":" + a.Message + "@" + a.At.UtcTicks)),
            c.Explanation is { } e ? e.EventId + ":" + string.Join(",", e.Contributions.Select(x => x.Component + "=" + x.ScoreDelta.ToString("R"))) : "-");

    [Fact]
    public void The_same_events_applied_to_two_fresh_states_give_identical_encodings()
    {
        var steps = RichLife.Steps();
        var a = new AccountHealth("acct");
        var b = new AccountHealth("acct");
        var changesA = RichLife.Apply(a, steps);
        var changesB = RichLife.Apply(b, steps);
        Assert.Equal(AccountHealthCodec.Encode(a), AccountHealthCodec.Encode(b));
        Assert.Equal(changesA.Select(Describe), changesB.Select(Describe));
    }

    [Fact]
    public void Rebuilt_event_objects_with_the_same_ids_give_the_same_state()
    {
        // Steps() builds fresh event objects each call: nothing depends on object identity.
        Assert.Equal(AccountHealthCodec.Encode(RichLife.Build()), AccountHealthCodec.Encode(RichLife.Build()));
    }

    [Fact]
    public void Interleaving_two_accounts_on_one_thread_does_not_leak_between_them()
    {
        var steps = RichLife.Steps();
        var soloA = RichLife.Build("a");

        var other = new Account("b");
        var mixed = new AccountHealth("a");
        for (var i = 0; i < steps.Count; i++)
        {
            RichLife.Apply(mixed, [steps[i]]);
            other.Apply(i % 2 == 0 ? Ticket(Day(i * 0.5), "x" + i, priority: 1) : Nps(Day(i * 0.5), i % 11));
        }
        RichLife.Finish(mixed);
        Assert.Equal(AccountHealthCodec.Encode(soloA), AccountHealthCodec.Encode(mixed));
    }

    [Fact]
    public void Parallel_evaluation_on_many_threads_gives_the_serial_result()
    {
        var expected = AccountHealthCodec.Encode(RichLife.Build());
        var results = new byte[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = AccountHealthCodec.Encode(RichLife.Build()));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Evaluating_twice_at_the_same_time_changes_nothing_the_second_time()
    {
        var s = RichLife.Build();
        HealthEngine.Evaluate(s, Day(90), ThePolicy);
        var once = AccountHealthCodec.Encode(s);
        var second = HealthEngine.Evaluate(s, Day(90), ThePolicy);
        Assert.Empty(second.Alerts);
        Assert.Null(second.Explanation);
        Assert.Equal(second.ScoreBefore, second.ScoreAfter);
        Assert.Equal(once, AccountHealthCodec.Encode(s));
    }

    [Fact]
    public void The_account_clock_never_runs_backwards()
    {
        var a = new Account();
        a.Apply(Session(Day(10)));
        a.Apply(Session(Day(3))); // late event
        Assert.Equal(Day(10), a.State.Clock);
        HealthEngine.Evaluate(a.State, Day(5), ThePolicy); // timer fired late
        Assert.Equal(Day(10), a.State.Clock);
        Assert.Equal(2, a.State.Activity.ActiveDays(DayNo(0), DayNo(10))); // the late event still counts on its own day
    }

    [Fact]
    public void Evaluating_an_account_never_seen_does_nothing()
    {
        var s = new AccountHealth("ghost");
        var before = AccountHealthCodec.Encode(s);
        var change = HealthEngine.Evaluate(s, Day(10), ThePolicy);
        Assert.False(change.WasDuplicate);
        Assert.Null(change.Explanation);
        Assert.Equal(before, AccountHealthCodec.Encode(s));
    }
}
