using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

public sealed class RelationshipEngagementGrowthTests
{
    private static HealthEvent Role(double day, string role, string change, string user) =>
        Ev("Contact Role Changed", Day(day)) with { Role = role, Change = change, UserId = user };

    [Fact]
    public void Relationship_has_no_data_until_a_contact_role_is_reported()
    {
        var a = new Account();
        a.DailySessions(0, 5);
        Assert.True(double.IsNaN(a.Component(ComponentKind.Relationship)));
        a.Apply(Role(6, "champion", "assigned", "u-c"));
        Assert.Equal(RelationshipScorer.BaseScore + RelationshipScorer.KeyContactBonus, a.Component(ComponentKind.Relationship));
        a.Apply(Role(7, "Executive Sponsor", "assigned", "u-s"));
        Assert.Equal(100, a.Component(ComponentKind.Relationship));
        Assert.True(a.State.Relationship.Contacts.ContainsKey("sponsor"));
    }

    [Fact]
    public void A_departed_champion_caps_relationship_flags_at_risk_and_raises_the_loss_alert_then_recovers_when_replaced()
    {
        var a = Account.WithTier(TouchTier.LowTouch);
        a.DailySessions(0, 10);
        a.Apply(Role(10.5, "champion", "assigned", "u-c"));
        var change = a.Apply(Role(11, "champion", "departed", "u-c"));

        Assert.Equal(25, a.Component(ComponentKind.Relationship));
        Assert.Contains(change.Alerts, x => x.Rule == AlertRules.KeyContactLost && x.Message.Contains("champion"));
        Assert.True(a.State.RiskReasons.HasFlag(RiskReason.KeyContactLost));
        Assert.Contains(a.State.Ledger.Recent()[0].Contributions, c => c.Component == ComponentKind.Relationship && c.Rule.StartsWith("relationship.champion-departed"));

        a.Apply(Role(20, "champion", "assigned", "u-new"));
        Assert.Equal(RelationshipScorer.BaseScore + RelationshipScorer.KeyContactBonus, a.Component(ComponentKind.Relationship));
        Assert.False(a.State.RiskReasons.HasFlag(RiskReason.KeyContactLost));
    }

    [Fact]
    public void A_champion_who_unsubscribes_counts_against_relationship_and_engagement()
    {
        var a = new Account();
        a.DailySessions(0, 3);
        a.Apply(Role(3.5, "champion", "assigned", "u-c"));
        var change = a.Apply(Ev("Email Unsubscribed", Day(4)) with { UserId = "u-c", Campaign = "news" });
        Assert.Equal(40, a.Component(ComponentKind.Relationship));
        Assert.Equal(ContactStatus.Unsubscribed, a.State.Relationship.Contacts["champion"].Status);
        Assert.Equal(EngagementScorer.Neutral - EngagementScorer.UnsubscribePoints, a.Component(ComponentKind.Engagement));
        Assert.Contains(change.Alerts, x => x.Rule == AlertRules.KeyContactLost);
    }

    [Fact]
    public void A_contact_loss_stops_weighing_after_the_loss_window()
    {
        var a = new Account();
        a.Apply(Role(0, "sponsor", "assigned", "u-s"));
        a.Apply(Role(1, "sponsor", "unreachable", "u-s"));
        Assert.Equal(45, a.Component(ComponentKind.Relationship));
        a.Evaluate(1 + RelationshipScorer.LossWindowDays + 1);
        Assert.Equal(RelationshipScorer.BaseScore, a.Component(ComponentKind.Relationship));
    }

    [Fact]
    public void Engagement_rises_with_opens_and_clicks_is_capped_and_falls_with_bounces_and_unsubscribes()
    {
        var a = new Account();
        Assert.True(double.IsNaN(a.Component(ComponentKind.Engagement)));
        a.Apply(Ev("Email Opened", Day(0)));
        a.Apply(Ev("Email Clicked", Day(0)));
        Assert.Equal(EngagementScorer.Neutral + EngagementScorer.OpenPoints + EngagementScorer.ClickPoints, a.Component(ComponentKind.Engagement));
        for (var i = 0; i < 30; i++) a.Apply(Ev("Email Clicked", Day(1)));
        Assert.Equal(EngagementScorer.Neutral + EngagementScorer.MaxPositive, a.Component(ComponentKind.Engagement));

        var b = new Account();
        b.Apply(Ev("Email Bounced", Day(0)));
        b.Apply(Ev("Email Unsubscribed", Day(0)));
        Assert.Equal(EngagementScorer.Neutral - EngagementScorer.BouncePoints - EngagementScorer.UnsubscribePoints, b.Component(ComponentKind.Engagement));
        // 90 days on, the window is empty again: neutral.
        b.Evaluate(95);
        Assert.Equal(EngagementScorer.Neutral, b.Component(ComponentKind.Engagement));
    }

    [Theory]
    [InlineData(100_000, 100_000, 60)]   // no change: neutral
    [InlineData(100_000, 120_000, 85)]   // +20% or more: +25
    [InlineData(100_000, 110_000, 72.5)] // +10%: half of it
    [InlineData(100_000, 70_000, 30)]    // −30% or more: −30
    public void Growth_measures_ARR_against_the_first_ARR_seen(double initial, double now, double expected)
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Arr = initial }));
        a.Apply(Ev("Contract Changed", Day(1)) with { Arr = now });
        Assert.Equal(expected, a.Component(ComponentKind.Growth), 6);
    }

    [Fact]
    public void Advocacy_in_the_last_year_adds_to_growth_and_a_downgrade_takes_away()
    {
        var a = new Account();
        a.Apply(Ev("Advocacy Recorded", Day(0)) with { AdvocacyKind = "review" });
        Assert.Equal(GrowthScorer.Neutral + 15, a.Component(ComponentKind.Growth));
        a.Apply(Ev("Advocacy Recorded", Day(1)) with { AdvocacyKind = "reference" });
        a.Apply(Ev("Advocacy Recorded", Day(2)) with { AdvocacyKind = "case_study" });
        Assert.Equal(GrowthScorer.Neutral + 30, a.Component(ComponentKind.Growth)); // capped at +30
        a.Apply(Ev("Contract Changed", Day(3)) with { Change = "downgrade" });
        Assert.Equal(GrowthScorer.Neutral, a.Component(ComponentKind.Growth));
        Assert.StartsWith("growth.recent-downgrade", a.State.Ledger.Recent()[0].Contributions.Single(c => c.Component == ComponentKind.Growth).Rule);
        a.Evaluate(3 + GrowthScorer.DowngradeWindowDays + 1);
        Assert.Equal(GrowthScorer.Neutral + 30, a.Component(ComponentKind.Growth));
    }

    [Fact]
    public void B2C_accounts_give_relationship_and_growth_no_weight()
    {
        var a = Account.WithTier(TouchTier.B2C);
        a.DailySessions(0, 6);
        var before = a.State.Score;
        a.Apply(Role(7, "champion", "departed", "u-c"));
        // The component is computed (and explained) but its B2C weight is 0 (digest-001 §7.2), so the score is unmoved.
        Assert.Equal(25, a.Component(ComponentKind.Relationship));
        Assert.Equal(before, a.State.Score, 6);
    }
}
