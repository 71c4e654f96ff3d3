using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Lifecycle;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>The lifecycle stage machine, its causes, time-driven transitions and flags.</summary>
public class LifecycleTests
{
    private static HealthChange SignedAndLive(Account a, double signed = 0, double live = 5)
    {
        a.Send("Contract Signed", signed);
        return a.Send("Go Live Completed", live);
    }

    /// <summary>Scenario → (steps whose last change is the transition, expected stage, expected cause).</summary>
    private static readonly Dictionary<string, (Func<Account, HealthChange> Steps, LifecycleStage Stage, string Cause)> Scenarios = new()
    {
        ["first event"] = (a => a.Send("Page Viewed", 0), LifecycleStage.Onboarding, "first event: Page Viewed"),
        ["first event is a trait call"] = (a => a.Apply(Group(Day(0), new AccountTraits { Plan = "pro" })), LifecycleStage.Onboarding, "first event: group"),
        ["go live"] = (a => SignedAndLive(a, 0, 10), LifecycleStage.Adopting, "Go Live Completed"),
        ["b2c first session"] = (a =>
        {
            a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.B2C }));
            return a.Send("Session Started", 1);
        }, LifecycleStage.Adopting, "first session (B2C)"),
        ["value milestone from adopting"] = (a =>
        {
            SignedAndLive(a);
            return a.Send("Milestone Reached", 20, e => e with { Milestone = "first_value" });
        }, LifecycleStage.Established, "value milestone: first_value"),
        ["value milestone from onboarding"] = (a =>
        {
            a.Send("Contract Signed", 0);
            return a.Send("Milestone Reached", 20, e => e with { Milestone = "first_value" });
        }, LifecycleStage.Established, "value milestone: first_value"),
        ["sustained health"] = (a =>
        {
            a.Send("Go Live Completed", 0);
            // Healthy on use too thin to infer value from (6 active days, not 8): a promoter, paid on time, used every third day.
            a.Apply(Nps(Day(0.6), 10));
            a.Apply(Invoice(Day(0.7), "inv-1", Day(30)));
            a.Apply(Paid(Day(0.8), "inv-1"));
            for (var d = 1; d <= 13; d += 3) a.Apply(Session(Day(d)));
            return a.Apply(Session(Day(16)));
        }, LifecycleStage.Established, "health ≥70 for 14 days"),
        ["go-live inferred from usage"] = (a =>
        {
            a.Send("Contract Signed", 0);
            a.DailySessions(1, 2);
            return a.Apply(Session(Day(3)));
        }, LifecycleStage.Adopting, "inferred from usage: live after 3 active days in 14"),
        ["first value inferred from usage"] = (a =>
        {
            a.Send("Contract Signed", 0);
            a.DailySessions(1, 7);
            return a.Apply(Session(Day(8)));
        }, LifecycleStage.Established, "inferred from usage: first value after 8 active days in 30"),
        ["upgrade"] = (a =>
        {
            SignedAndLive(a);
            return a.Send("Contract Changed", 30, e => e with { Change = "upgrade", Arr = 80_000 });
        }, LifecycleStage.Expanding, "Contract Changed: upgrade"),
        ["downgrade after expansion"] = (a =>
        {
            SignedAndLive(a);
            a.Send("Contract Changed", 30, e => e with { Change = "upgrade" });
            return a.Send("Contract Changed", 40, e => e with { Change = "downgrade" });
        }, LifecycleStage.Established, "Contract Changed: downgrade"),
        ["renewal expanded"] = (a =>
        {
            SignedAndLive(a);
            return a.Send("Renewal Closed", 30, e => e with { Outcome = "expanded" });
        }, LifecycleStage.Expanding, "Renewal Closed: expanded"),
        ["subscription cancelled"] = (a =>
        {
            SignedAndLive(a);
            return a.Send("Subscription Cancelled", 30, e => e with { Reason = "price" });
        }, LifecycleStage.Churned, "Subscription Cancelled: price"),
        ["renewal closed churned"] = (a =>
        {
            SignedAndLive(a);
            return a.Send("Renewal Closed", 30, e => e with { Outcome = "churned" });
        }, LifecycleStage.Churned, "Renewal Closed: churned"),
        ["win-back"] = (a =>
        {
            SignedAndLive(a);
            a.Send("Subscription Cancelled", 30);
            return a.Send("Contract Signed", 60);
        }, LifecycleStage.Onboarding, "win-back: Contract Signed"),
        ["win-back long after the last use"] = (a =>
        {
            SignedAndLive(a);
            a.Send("Subscription Cancelled", 30);
            return a.Send("Contract Signed", 200);
        }, LifecycleStage.Onboarding, "win-back: Contract Signed"),
        ["archived a year after churn"] = (a =>
        {
            SignedAndLive(a);
            a.Send("Subscription Cancelled", 30);
            a.Evaluate(394);
            return a.Evaluate(396);
        }, LifecycleStage.Archived, "churned for 365 days"),
        ["dormant"] = (a =>
        {
            a.Send("Session Started", 0);
            a.Evaluate(60);
            return a.Evaluate(61);
        }, LifecycleStage.Dormant, "no product activity for 60 days"),
    };

    public static TheoryData<string> ScenarioNames => [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Transitions(string scenario)
    {
        var (steps, stage, cause) = Scenarios[scenario];
        var a = new Account();
        var change = steps(a);
        Assert.Equal(stage, a.State.Stage);
        Assert.Equal(stage, change.StageAfter);
        Assert.Equal(cause, a.State.StageCause);
        Assert.Equal(a.State.Clock, a.State.StageSince);
        if (scenario != "first event" && scenario != "first event is a trait call") Assert.True(change.StageChanged, scenario);
    }

    [Fact]
    public void Transitions_that_do_not_apply_leave_the_stage_alone()
    {
        var a = new Account();
        a.Send("Contract Signed", 0);
        a.Send("Contract Changed", 1, e => e with { Change = "upgrade" }); // upgrade while onboarding
        a.Send("Session Started", 2); // tech touch: a session is not a go-live
        a.Send("Milestone Reached", 3, e => e with { Milestone = "invited_team" }); // not a value milestone
        a.Send("Renewal Closed", 4, e => e with { Outcome = "renewed" });
        Assert.Equal(LifecycleStage.Onboarding, a.State.Stage);
        Assert.Equal("first event: Contract Signed", a.State.StageCause);

        a.Send("Subscription Cancelled", 5, e => e with { Reason = "budget" });
        a.Send("Renewal Closed", 6, e => e with { Outcome = "churned" });
        a.Send("Session Started", 7); // product use after churn does not revive the account
        Assert.Equal(LifecycleStage.Churned, a.State.Stage);
        Assert.Equal("Subscription Cancelled: budget", a.State.StageCause);
        Assert.Equal(Day(5), a.State.StageSince);
    }

    [Fact]
    public void Time_to_value_is_recorded_from_signature_to_the_first_value_milestone()
    {
        var a = new Account();
        a.Send("Page Viewed", 0);
        a.Send("Contract Signed", 3); // the onboarding clock runs from signature
        a.Send("Go Live Completed", 10);
        Assert.Null(a.State.TimeToValue);
        a.Send("Milestone Reached", 23, e => e with { Milestone = "first_value" });
        Assert.Equal(Day(23), a.State.FirstValueAt);
        Assert.Equal(TimeSpan.FromDays(20), a.State.TimeToValue);
        Assert.Equal(Day(10), a.State.GoLiveAt);

        a.Send("Milestone Reached", 40, e => e with { Milestone = "first_value" }); // only the first counts
        Assert.Equal(TimeSpan.FromDays(20), a.State.TimeToValue);
    }

    [Fact]
    public void Win_back_starts_a_new_lifecycle_whose_time_to_value_is_measured_afresh()
    {
        var a = new Account();
        a.Send("Contract Signed", 0);
        a.Send("Milestone Reached", 10, e => e with { Milestone = "first_value" });
        Assert.Equal(TimeSpan.FromDays(10), a.State.TimeToValue);
        a.Send("Subscription Cancelled", 30);
        a.Send("Contract Signed", 60);
        Assert.Equal(LifecycleStage.Onboarding, a.State.Stage);
        Assert.Equal(Day(60), a.State.StartedAt);
        Assert.Null(a.State.GoLiveAt);
        // A duration from the new start to a value reached in the previous life is negative: meaningless.
        Assert.True(a.State.TimeToValue is null || a.State.TimeToValue >= TimeSpan.Zero,
            $"time to value after win-back is {a.State.TimeToValue}");

        a.Send("Go Live Completed", 65);
        a.Send("Milestone Reached", 75, e => e with { Milestone = "first_value" });
        Assert.Equal(LifecycleStage.Established, a.State.Stage);
        Assert.Equal(TimeSpan.FromDays(15), a.State.TimeToValue);
    }

    [Fact]
    public void A_b2c_account_silent_for_60_days_turns_dormant_and_activity_returns_it_to_its_previous_stage()
    {
        var a = Account.WithTier(TouchTier.B2C);
        a.DailySessions(1, 20);
        var previous = a.State.Stage;
        Assert.True(LifecycleMachine.IsActive(previous));

        Assert.False(a.Evaluate(79).StageChanged); // 58.5 days since the end of the last active day
        var dormant = a.Evaluate(81);
        Assert.Equal(LifecycleStage.Dormant, a.State.Stage);
        Assert.Equal(previous, dormant.StageBefore);
        Assert.Equal(previous, a.State.StageBeforeDormant);
        Assert.Equal("no product activity for 60 days", a.State.StageCause);
        Assert.Contains(dormant.Alerts, x => x.Rule == AlertRules.Inactive);

        var back = a.Send("Session Started", 90);
        Assert.Equal(LifecycleStage.Dormant, back.StageBefore);
        Assert.Equal(previous, a.State.Stage);
        Assert.Equal("activity resumed: Session Started", a.State.StageCause);
        Assert.Equal(Day(90), a.State.StageSince);
    }

    [Fact]
    public void Non_product_events_do_not_wake_a_dormant_account()
    {
        var a = Account.WithTier(TouchTier.B2C);
        a.Send("Session Started", 0);
        a.Evaluate(61);
        Assert.Equal(LifecycleStage.Dormant, a.State.Stage);
        a.Apply(Invoice(Day(62), "inv", Day(90)));
        a.Apply(Ticket(Day(63), "t"));
        a.Send("Email Opened", 64);
        Assert.Equal(LifecycleStage.Dormant, a.State.Stage);
    }

    [Theory]
    [InlineData(TouchTier.B2C, 60, false)]
    [InlineData(TouchTier.B2C, 61, true)]
    [InlineData(TouchTier.TechTouch, 61, true)]
    [InlineData(TouchTier.LowTouch, 61, false)]
    [InlineData(TouchTier.LowTouch, 90, false)]
    [InlineData(TouchTier.LowTouch, 91, true)]
    [InlineData(TouchTier.HighTouch, 91, true)]
    public void Dormancy_follows_the_tiers_silence_threshold(TouchTier tier, int evaluateDay, bool dormant)
    {
        var a = Account.WithTier(tier);
        a.Send("Page Viewed", 0);
        a.Evaluate(evaluateDay);
        Assert.Equal(dormant, a.State.Stage == LifecycleStage.Dormant);
    }

    [Fact]
    public void First90Days_flag_holds_for_90_days_from_the_start()
    {
        var a = new Account();
        a.Send("Contract Signed", 0);
        for (var d = 0; d <= 80; d += 10) a.Send("Page Viewed", d);
        Assert.True(a.Evaluate(89).FlagsAfter.HasFlag(LifecycleFlags.First90Days));
        var later = a.Send("Page Viewed", 91);
        Assert.True(later.FlagsBefore.HasFlag(LifecycleFlags.First90Days));
        Assert.False(later.FlagsAfter.HasFlag(LifecycleFlags.First90Days));
        Assert.True(later.FlagsChanged);
    }

    [Fact]
    public void InRenewalWindow_flag_is_set_within_90_days_of_the_renewal_date_while_active()
    {
        var a = new Account();
        a.Send("Contract Signed", 0, e => e with { RenewalDate = Day(120), Arr = 50_000 });
        a.Send("Page Viewed", 0);
        Assert.Equal(Day(120), a.State.RenewalDate);
        Assert.Equal(50_000, a.State.Arr);
        Assert.False(a.Evaluate(29).FlagsAfter.HasFlag(LifecycleFlags.InRenewalWindow)); // 91 days ahead
        Assert.True(a.Evaluate(31).FlagsAfter.HasFlag(LifecycleFlags.InRenewalWindow)); // 89 days ahead
        a.Send("Subscription Cancelled", 40);
        Assert.False(a.State.Flags.HasFlag(LifecycleFlags.InRenewalWindow)); // churned accounts are not renewing
    }

    [Fact]
    public void The_renewal_window_can_come_from_group_traits()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { RenewalDate = Day(60), Mrr = 1000 }));
        Assert.Equal(12_000, a.State.Arr);
        Assert.True(a.State.Flags.HasFlag(LifecycleFlags.InRenewalWindow));
    }

    [Theory]
    [InlineData(TouchTier.TechTouch, true)]
    [InlineData(TouchTier.LowTouch, true)]
    [InlineData(TouchTier.HighTouch, true)]
    [InlineData(TouchTier.B2C, false)]
    public void OnboardingSlaBreached_when_no_value_has_arrived_after_8_weeks(TouchTier tier, bool breached)
    {
        var a = Account.WithTier(tier);
        a.Send("Contract Signed", 0);
        // Three page views 20 days apart: not the sustained use that counts as going live, let alone value.
        for (var d = 0; d <= 40; d += 20) a.Send("Page Viewed", d);
        Assert.False(a.Evaluate(56).FlagsAfter.HasFlag(LifecycleFlags.OnboardingSlaBreached));
        if (tier != TouchTier.B2C) Assert.Equal(LifecycleStage.Onboarding, a.State.Stage);
        var after = a.Evaluate(57);
        Assert.Equal(breached, after.FlagsAfter.HasFlag(LifecycleFlags.OnboardingSlaBreached));
        Assert.Equal(breached, a.State.RiskReasons.HasFlag(RiskReason.OnboardingSlaBreached));
        Assert.Equal(breached, after.Alerts.Any(x => x.Rule == AlertRules.OnboardingSla));

        // Going live is not value: the SLA judges whether value arrived, whatever events say.
        a.Send("Go Live Completed", 58);
        Assert.Equal(breached, a.State.Flags.HasFlag(LifecycleFlags.OnboardingSlaBreached));
        a.Send("Milestone Reached", 59, e => e with { Milestone = "first_value" });
        Assert.False(a.State.Flags.HasFlag(LifecycleFlags.OnboardingSlaBreached));
    }

    [Fact]
    public void Sustained_use_is_value_in_time_the_SLA_holds_without_a_single_lifecycle_event()
    {
        var a = Account.WithTier(TouchTier.TechTouch);
        a.DailySessions(1, 70, step: 2);
        Assert.Equal(LifecycleStage.Established, a.State.Stage);
        Assert.StartsWith("inferred from usage: first value after", a.State.StageCause);
        Assert.False(a.State.Flags.HasFlag(LifecycleFlags.OnboardingSlaBreached));
    }

    [Theory]
    [InlineData(TouchTier.B2C)]
    [InlineData(TouchTier.TechTouch)]
    [InlineData(TouchTier.LowTouch)]
    [InlineData(TouchTier.HighTouch)]
    public void Accounts_with_and_without_explicit_lifecycle_events_reach_the_same_stage(TouchTier tier)
    {
        var explicitEvents = Account.WithTier(tier);
        var inferred = Account.WithTier(tier);
        explicitEvents.Send("Go Live Completed", 0.5);
        for (var d = 1; d <= 40; d++)
        {
            var day = d;
            foreach (var a in new[] { explicitEvents, inferred })
            {
                a.Apply(Session(Day(day)));
                a.Apply(Ev("Feature Used", Day(day + 0.1)) with { Feature = "reports", IsKeyFeature = true });
            }
            if (day == 10) explicitEvents.Send("Milestone Reached", 10.2, e => e with { Milestone = "first_value" });
        }
        Assert.Equal(LifecycleStage.Established, explicitEvents.State.Stage);
        Assert.Equal(explicitEvents.State.Stage, inferred.State.Stage);
        Assert.StartsWith(tier == TouchTier.B2C ? "inferred from usage: first value after 4 active days in 30, 1 key feature" : "inferred from usage: first value after",
            inferred.State.StageCause);
        Assert.Equal(explicitEvents.State.Flags & ~LifecycleFlags.AtRisk, inferred.State.Flags & ~LifecycleFlags.AtRisk);
        Assert.NotNull(inferred.State.FirstValueAt);
        Assert.True(inferred.State.FirstValueInferred);
        Assert.False(explicitEvents.State.FirstValueInferred);

        // An explicit milestone arriving later wins: it dates the value and clears the "inferred" mark.
        inferred.Send("Milestone Reached", 41, e => e with { Milestone = "first_value" });
        Assert.Equal(Day(41), inferred.State.FirstValueAt);
        Assert.False(inferred.State.FirstValueInferred);
    }

    [Fact]
    public void Every_stage_change_in_a_long_life_records_a_cause()
    {
        var a = new Account();
        var steps = new List<Func<HealthChange>>
        {
            () => a.Send("Contract Signed", 0, e => e with { RenewalDate = Day(365) }),
            () => a.Send("Go Live Completed", 5),
        };
        for (var d = 6; d <= 40; d++) { var day = d; steps.Add(() => a.Apply(Session(Day(day)))); }
        steps.Add(() => a.Send("Contract Changed", 45, e => e with { Change = "upgrade" }));
        steps.Add(() => a.Send("Contract Changed", 50, e => e with { Change = "downgrade" }));
        steps.Add(() => a.Evaluate(120));
        steps.Add(() => a.Send("Session Started", 130));
        steps.Add(() => a.Send("Renewal Closed", 140, e => e with { Outcome = "lost" }));
        steps.Add(() => a.Send("Contract Signed", 150));

        var stages = new List<LifecycleStage>();
        var causes = new List<string>();
        foreach (var step in steps)
        {
            var before = a.State.StageCause;
            var change = step();
            Assert.False(string.IsNullOrWhiteSpace(a.State.StageCause));
            if (!change.StageChanged) continue;
            Assert.NotEqual(before, a.State.StageCause);
            Assert.Equal(a.State.Clock, a.State.StageSince);
            stages.Add(change.StageAfter);
            causes.Add(a.State.StageCause);
        }

        Assert.Equal(
            [LifecycleStage.Adopting, LifecycleStage.Established, LifecycleStage.Expanding, LifecycleStage.Established,
             LifecycleStage.Dormant, LifecycleStage.Established, LifecycleStage.Churned, LifecycleStage.Onboarding],
            stages);
        Assert.Equal(
            ["Go Live Completed", "inferred from usage: first value after 8 active days in 30", "Contract Changed: upgrade", "Contract Changed: downgrade",
             "no product activity for 60 days", "activity resumed: Session Started", "Renewal Closed: lost", "win-back: Contract Signed"],
            causes);
    }
}
