using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Adoption &amp; usage: frequency vs own baseline and target, key-feature depth, seats active / purchased.</summary>
public class AdoptionScorerTests
{
    private static double Adoption(AccountHealth s, double day, TouchTier tier = TouchTier.TechTouch) =>
        AdoptionScorer.Score(s, DayNo(day), ThePolicy, ThePolicy.ProfileFor(tier)).Score;

    [Fact]
    public void Steady_daily_use_scores_full_marks()
    {
        var a = new Account();
        a.DailySessions(0, 119);
        Assert.Equal(100, a.Component(ComponentKind.Adoption), 6);
        Assert.Equal(1.0, AdoptionScorer.BaselineRatio(a.State, DayNo(119), out var recent, out var baseline), 6);
        Assert.Equal(30, recent, 6);
        Assert.Equal(30, baseline, 6);
    }

    [Theory]
    // gap = days without use after 90 days of daily use. The recent window then holds 30 - gap active days.
    [InlineData(0, 1.0)]
    [InlineData(6, 0.8)]
    [InlineData(8, 22.0 / 30)]
    [InlineData(15, 0.5)]
    public void Baseline_ratio_is_recent_active_days_against_own_trailing_rate(int gap, double expectedRatio)
    {
        var a = new Account();
        a.DailySessions(0, 89);
        a.Evaluate(89 + gap);
        Assert.Equal(expectedRatio, AdoptionScorer.BaselineRatio(a.State, DayNo(89 + gap), out _, out var baseline), 6);
        Assert.Equal(30, baseline, 6);
    }

    [Fact]
    public void A_drop_of_25_percent_or_more_vs_own_baseline_scores_clearly_lower_than_steady_use()
    {
        var steady = new Account();
        steady.DailySessions(0, 97);

        var dropped = new Account(); // 90 days daily, then 8 silent days: 22 of 30 recent days (-27%)
        dropped.DailySessions(0, 89);
        dropped.Evaluate(97);

        var halved = new Account(); // 15 silent days: -50%
        halved.DailySessions(0, 89);
        halved.Evaluate(104);

        var steadyScore = steady.Component(ComponentKind.Adoption);
        var droppedScore = dropped.Component(ComponentKind.Adoption);
        var halvedScore = halved.Component(ComponentKind.Adoption);

        Assert.Equal(100, steadyScore, 6);
        // Still 22 active days of 30 (above the 12-day target), yet the trend against its own past pulls it down.
        Assert.True(droppedScore <= 75, $"a 27% drop scored {droppedScore}");
        Assert.True(steadyScore - droppedScore >= 25, $"steady {steadyScore} vs dropped {droppedScore}");
        Assert.True(halvedScore < droppedScore - 10, $"halved {halvedScore} vs dropped {droppedScore}");
    }

    [Fact]
    public void A_small_dip_vs_baseline_costs_less_than_a_25_percent_drop()
    {
        var dip = new Account(); // 4 silent days: -13%
        dip.DailySessions(0, 89);
        dip.Evaluate(93);
        var drop = new Account();
        drop.DailySessions(0, 89);
        drop.Evaluate(97);
        Assert.True(dip.Component(ComponentKind.Adoption) > drop.Component(ComponentKind.Adoption) + 10);
    }

    [Theory]
    // No baseline yet (account younger than 30 + 14 days): the level against the tier's target decides.
    [InlineData(TouchTier.TechTouch, 3, 25)]
    [InlineData(TouchTier.TechTouch, 6, 50)]
    [InlineData(TouchTier.TechTouch, 12, 100)]
    [InlineData(TouchTier.TechTouch, 15, 100)]
    [InlineData(TouchTier.B2C, 4, 50)]
    [InlineData(TouchTier.B2C, 8, 100)]
    [InlineData(TouchTier.HighTouch, 6, 40)]
    public void Level_is_scored_against_the_tiers_target_active_days_per_30(TouchTier tier, int activeDays, double expected)
    {
        var a = Account.WithTier(tier);
        a.DailySessions(0, 2 * (activeDays - 1), step: 2);
        a.Evaluate(29);
        Assert.Equal(expected, a.Component(ComponentKind.Adoption), 6);
    }

    [Fact]
    public void One_busy_first_day_is_extrapolated_over_a_week_not_read_as_daily_use()
    {
        var a = new Account();
        for (var i = 0; i < 10; i++) a.Apply(Session(Day(0).AddMinutes(i)));
        // 1 active day over the minimum 7-day window = 30/7 ≈ 4.3 days per 30 against a target of 12.
        Assert.Equal(100 * (30.0 / 7) / 12, a.Component(ComponentKind.Adoption), 6);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100.0 / 3)]
    [InlineData(2, 200.0 / 3)]
    [InlineData(3, 100)]
    [InlineData(5, 100)]
    public void Key_feature_depth_is_features_used_in_30_days_against_the_policy_target(int features, double expected)
    {
        var s = new AccountHealth("a");
        for (var i = 0; i < features; i++) s.Activity.RecordKeyFeature("feature-" + i, DayNo(10));
        s.Activity.RecordKeyFeature("stale", DayNo(10) - 31); // used, but not in the last 30 days
        Assert.Equal(3, ThePolicy.KeyFeatureTarget);
        Assert.Equal(expected, Adoption(s, 10), 6);
    }

    [Fact]
    public void Key_features_deepen_adoption_through_feature_used_events()
    {
        static Account With(int keyFeatures)
        {
            var a = new Account();
            for (var i = 0; i < keyFeatures; i++)
                a.Apply(Ev("Feature Used", Day(0).AddMinutes(i)) with { Feature = "f" + i, IsKeyFeature = true });
            return a;
        }
        var shallow = With(1);
        var deep = With(3);
        Assert.Single(shallow.State.Activity.KeyFeatures);
        Assert.Equal(3, deep.State.Activity.KeyFeatures.Count);
        Assert.True(deep.Component(ComponentKind.Adoption) > shallow.Component(ComponentKind.Adoption) + 10);

        var notKey = new Account();
        notKey.Apply(Ev("Feature Used", Day(0)) with { Feature = "export", IsKeyFeature = false });
        Assert.Empty(notKey.State.Activity.KeyFeatures);
    }

    [Theory]
    [InlineData(13, 100)]
    [InlineData(20, 100)]
    [InlineData(24, 100)]
    public void Seats_below_25_percent_active_score_40_or_less(int active, int purchased)
    {
        var a = new Account();
        a.Apply(Seats(Day(0), purchased, active));
        var score = a.Component(ComponentKind.Adoption);
        Assert.True(score <= 40, $"{active}/{purchased} seats scored {score}");
        Assert.True(score > 0);
    }

    [Theory]
    [InlineData(60, 100, 80)]
    [InlineData(61, 100, 80.5)]
    [InlineData(80, 100, 90)]
    [InlineData(100, 100, 100)]
    [InlineData(25, 100, 40)]
    public void Seats_active_of_purchased_map_to_the_policy_curve(int active, int purchased, double expected)
    {
        var a = new Account();
        a.Apply(Seats(Day(0), purchased, active));
        Assert.Equal(expected, a.Component(ComponentKind.Adoption), 6);
        if (active > 60) Assert.True(a.Component(ComponentKind.Adoption) >= 80);
    }

    [Fact]
    public void Seat_score_rises_with_utilisation()
    {
        double previous = -1;
        for (var active = 0; active <= 100; active += 5)
        {
            var s = new AccountHealth("a") { SeatsPurchased = 100, SeatsActive = active };
            var score = Adoption(s, 0);
            Assert.True(score >= previous, $"{active}% scored {score} < {previous}");
            previous = score;
        }
    }

    [Fact]
    public void No_usage_evidence_means_no_adoption_data()
    {
        var s = new AccountHealth("a") { SeatsPurchased = 0, SeatsActive = 0 };
        Assert.False(AdoptionScorer.Score(s, DayNo(0), ThePolicy, ThePolicy.ProfileFor(TouchTier.TechTouch)).HasData);

        var a = new Account();
        a.Apply(Ticket(Day(0), "t1")); // support evidence only: billing/support events are not product use
        Assert.True(double.IsNaN(a.Component(ComponentKind.Adoption)));
        Assert.False(a.State.Activity.HasActivity);
    }

    [Fact]
    public void Sub_scores_are_averaged_with_weights_frequency_half_seats_three_tenths_depth_one_fifth()
    {
        var s = new AccountHealth("a") { SeatsPurchased = 100, SeatsActive = 60 }; // seats 80
        for (var d = 0; d < 12; d++) s.Activity.Record(DayNo(2 * d)); // 12 active days in 30, no baseline: 100
        s.Activity.RecordKeyFeature("k", DayNo(20)); // depth 33.3
        var expected = (0.5 * 100 + 0.3 * 80 + 0.2 * (100.0 / 3)) / 1.0;
        Assert.Equal(expected, Adoption(s, 29), 6);
    }
}
