using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>The explanation ledger: which event, which policy, which components, by how much; bounded, newest first.</summary>
public class ExplanationLedgerTests
{
    private const double Rounding = 0.05;

    private static double SumOfDeltas(ExplanationEntry e) => e.Contributions.Sum(c => c.ScoreDelta);

    [Fact]
    public void A_score_change_writes_an_entry_naming_the_event_the_policy_and_the_contributions()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t1")); // support 100
        var change = a.Apply(Nps(Day(1), 3) with { MessageId = "nps-1" }); // voice 15 → (100 + 15) / 2

        var entry = change.Explanation;
        Assert.NotNull(entry);
        Assert.Same(entry, a.State.Ledger.Recent()[0]);
        Assert.Equal("nps-1", entry.EventId);
        Assert.Equal("NPS Submitted", entry.EventName);
        Assert.Equal(DefaultPolicy.Version, entry.PolicyVersion);
        Assert.Equal(Day(1), entry.At);
        Assert.Equal(100, entry.ScoreBefore, 9);
        Assert.Equal(57.5, entry.ScoreAfter, 9);
        Assert.Equal(change.ScoreBefore, entry.ScoreBefore);
        Assert.Equal(change.ScoreAfter, entry.ScoreAfter);
        Assert.Equal(entry.ScoreAfter - entry.ScoreBefore, SumOfDeltas(entry), 6);

        // The new voice component is charged with the whole move: at 15 it pulls the mean of (support 100, voice 15)
        // down by 15·(15 − 100)/30. Support did not change, so it is not blamed for the renormalisation.
        var voice = Assert.Single(entry.Contributions);
        Assert.Equal(ComponentKind.VoiceOfCustomer, voice.Component);
        Assert.Equal(-42.5, voice.ScoreDelta, 9);
        Assert.True(double.IsNaN(voice.ComponentDelta)); // it had no data before
        Assert.StartsWith("voice.nps-detractor", voice.Rule);
    }

    [Fact]
    public void The_contribution_rule_names_the_rule_that_set_the_component()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t1"));
        a.Apply(Ticket(Day(0).AddHours(1), "t2"));
        var change = a.Apply(Ticket(Day(0).AddHours(2), "t3")); // 3 in 7 days: capped at 60
        var entry = change.Explanation!;
        var c = Assert.Single(entry.Contributions);
        Assert.Equal(ComponentKind.Support, c.Component);
        Assert.Equal(-40, c.ComponentDelta, 9);
        Assert.Equal("support.tickets-in-7-days-warn (3 vs 3)", c.Rule);
    }

    [Fact]
    public void Contributions_sum_to_the_score_change_across_a_varied_history()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t0")); // evidence from the first event on, never lost
        var changes = new List<HealthChange>();
        changes.AddRange(a.DailySessions(1, 40));
        changes.Add(a.Apply(Seats(Day(41), 50, 10)));
        changes.Add(a.Apply(Nps(Day(42), 9)));
        changes.Add(a.Apply(Invoice(Day(43), "i1", Day(50))));
        changes.Add(a.Evaluate(70));
        changes.Add(a.Apply(PaymentFailed(Day(71), "i1")));
        changes.Add(a.Apply(Ticket(Day(72), "t1", priority: 1)));
        changes.Add(a.Apply(Ticket(Day(72).AddHours(1), "t2")));
        changes.Add(a.Apply(Ticket(Day(72).AddHours(2), "t3")));
        changes.Add(a.Send("Outage Reported", 73));
        changes.Add(a.Apply(Csat(Day(74), 2)));
        changes.Add(a.Apply(Paid(Day(75), "i1")));
        changes.Add(a.Evaluate(100));
        changes.Add(a.Apply(Seats(Day(101), 50, 45)));
        changes.AddRange(a.DailySessions(102, 110, step: 4));
        changes.Add(a.Evaluate(200));

        var entries = changes.Where(c => c.Explanation is not null).Select(c => c.Explanation!).ToList();
        Assert.True(entries.Count >= 20, $"only {entries.Count} entries");
        Assert.All(entries, e => Assert.Equal(e.ScoreAfter - e.ScoreBefore, SumOfDeltas(e), Rounding));
        Assert.All(entries, e => Assert.All(e.Contributions, c => Assert.False(string.IsNullOrWhiteSpace(c.Rule))));
        // Changes below the threshold are not written; every written one moved the score.
        Assert.All(changes.Where(c => c.Explanation is null), c => Assert.True(Math.Abs(c.ScoreAfter - c.ScoreBefore) < HealthEngine.LedgerThreshold));
    }

    [Theory]
    [InlineData("first evidence")]
    [InlineData("last evidence expires")]
    public void Contributions_sum_to_the_score_change_when_evidence_appears_or_disappears(string scenario)
    {
        var a = new Account();
        HealthChange change;
        if (scenario == "first evidence")
        {
            change = a.Apply(Ticket(Day(0), "t1")); // no evidence (50) → support 100
            Assert.True(change.IsNewAccount);
            Assert.Equal(ScoreCalculator.NoEvidenceScore, change.ScoreBefore);
            Assert.Equal(100, change.ScoreAfter, 9);
        }
        else
        {
            a.Apply(Nps(Day(0), 10)); // voice only: 100
            change = a.Evaluate(180); // the answer has fully decayed: no evidence → 50
            Assert.Equal(ScoreCalculator.NoEvidenceScore, change.ScoreAfter);
        }
        var entry = change.Explanation;
        Assert.NotNull(entry);
        Assert.Equal(change.ScoreAfter - change.ScoreBefore, entry.ScoreAfter - entry.ScoreBefore, 9);
        Assert.Equal(entry.ScoreAfter - entry.ScoreBefore, SumOfDeltas(entry), Rounding);
    }

    [Fact]
    public void The_ledger_is_bounded_and_newest_first()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t1"));
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = "nps-" + i;
            ids.Add(id);
            Assert.NotNull(a.Apply(Nps(Day(1 + i), i % 2 == 0 ? 0 : 10) with { MessageId = id }).Explanation);
        }

        var recent = a.State.Ledger.Recent();
        Assert.Equal(ExplanationLedger.Capacity, a.State.Ledger.Count);
        Assert.Equal(ExplanationLedger.Capacity, recent.Count);
        // Each event moves the clock a day on, so "time passed" entries (the older answer decaying) sit between them.
        // The newest half is kept as it came.
        var newest = recent.Take(ExplanationLedger.KeptInOrder).Where(e => e.EventId != ExplanationEntry.TimeEventId).Select(e => e.EventId).ToList();
        Assert.Equal(ids.TakeLast(newest.Count).Reverse(), newest);
        for (var i = 1; i < recent.Count; i++) Assert.True(recent[i - 1].At >= recent[i].At);
    }

    [Fact]
    public void When_full_the_smallest_older_move_is_dropped_so_large_moves_outlive_small_ones()
    {
        var ledger = new ExplanationLedger();
        ExplanationEntry Entry(int n, double delta) => new(Day(n), "e" + n, "x", "v", 50, 50 + delta, []);
        ledger.Add(Entry(0, -30)); // the move that matters
        for (var n = 1; n < 40; n++) ledger.Add(Entry(n, n % 2 == 0 ? 0.2 : -0.1)); // a long tail of wobbles

        var recent = ledger.Recent();
        Assert.Equal(ExplanationLedger.Capacity, recent.Count);
        Assert.Contains(recent, e => e.EventId == "e0");
        Assert.Equal(Enumerable.Range(32, 8).Reverse().Select(n => "e" + n), recent.Take(ExplanationLedger.KeptInOrder).Select(e => e.EventId));
        for (var i = 1; i < recent.Count; i++) Assert.True(recent[i - 1].At > recent[i].At);
    }

    [Fact]
    public void A_time_driven_change_is_recorded_under_event_id_time()
    {
        var a = Account.WithTier(TouchTier.B2C, policy: LevelOnly); // B2C: no onboarding SLA to cap the score at day 90; no trend
        a.Apply(Nps(Day(0), 10)); // voice only: 100
        var change = a.Evaluate(90); // half-way decayed to neutral: 80

        var entry = change.Explanation;
        Assert.NotNull(entry);
        Assert.Equal(ExplanationEntry.TimeEventId, entry.EventId);
        Assert.Equal("time", entry.EventId);
        Assert.Equal("time passed", entry.EventName);
        Assert.Equal(Day(90), entry.At);
        Assert.Equal(100, entry.ScoreBefore, 9);
        Assert.Equal(80, entry.ScoreAfter, 9);
        var voice = Assert.Single(entry.Contributions);
        Assert.Equal(ComponentKind.VoiceOfCustomer, voice.Component);
        Assert.Equal(-20, voice.ComponentDelta, 9);
        Assert.Equal(-20, voice.ScoreDelta, 9);
        Assert.Equal("voice.latest-nps (10 vs 10)", voice.Rule);
    }

    [Fact]
    public void Moves_below_the_threshold_and_duplicates_write_nothing()
    {
        var a = new Account();
        a.Apply(Nps(Day(0), 10));
        var count = a.State.Ledger.Count;
        var tiny = HealthEngine.Evaluate(a.State, Day(0).AddHours(1), ThePolicy); // decays by ~0.01 point
        Assert.NotEqual(tiny.ScoreBefore, tiny.ScoreAfter);
        Assert.Null(tiny.Explanation);
        Assert.Equal(count, a.State.Ledger.Count);

        var e = Session(Day(1));
        a.Apply(e);
        count = a.State.Ledger.Count;
        a.Apply(e);
        Assert.Equal(count, a.State.Ledger.Count);
    }

    [Fact]
    public void The_first_event_always_writes_an_entry_and_records_the_policy_version()
    {
        var policy = ThePolicy with { Version = "test-7" };
        var s = new AccountHealth("x");
        var change = HealthEngine.Apply(s, Group(Day(0), new AccountTraits { Name = "Acme" }), policy, Day(0));
        Assert.NotNull(change.Explanation); // no score move (50 → 50), but a new account is always explained
        Assert.Equal("test-7", change.Explanation.PolicyVersion);
        Assert.Equal("test-7", s.PolicyVersion);
        Assert.Empty(change.Explanation.Contributions);
    }

    [Fact]
    public void When_an_event_moves_the_clock_on_time_passing_gets_its_own_entry_before_the_event()
    {
        var a = new Account();
        a.DailySessions(0, 59);                 // a steady daily user: a baseline of ~30 active days per 30
        var quietScore = a.State.Score;

        // 40 silent days later one ticket arrives: the usage windows moved on (time), the ticket adds support (event).
        var change = a.Apply(Kit.Ticket(Kit.Day(100), "late-1"));
        var recent = a.State.Ledger.Recent();

        Assert.Equal("Ticket Opened", recent[0].EventName);
        Assert.Equal(ExplanationEntry.TimeEventId, recent[1].EventId);
        Assert.True(recent[1].ScoreAfter < quietScore, "the silent weeks lower the score on their own");
        Assert.All(recent[1].Contributions, c => Assert.Equal(Components.ComponentKind.Adoption, c.Component));
        Assert.Equal(recent[1].ScoreAfter, recent[0].ScoreBefore, 6);
        // The change the grain sees spans both steps.
        Assert.Equal(quietScore, change.ScoreBefore, 6);
        Assert.Equal(a.State.Score, change.ScoreAfter, 6);
    }
}
