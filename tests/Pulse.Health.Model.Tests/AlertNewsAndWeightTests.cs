using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>
/// Alerts are news about the customer: not a replay's aftermath, a policy change or a person's override. And a change
/// of weights (tier, policy) is explained as such, so contributions still add up to the move.
/// </summary>
public class AlertNewsAndWeightTests
{
    private static double Sum(ExplanationEntry e) => e.Contributions.Sum(c => c.ScoreDelta);
    /// <summary>Contributions under 0.01 points are not recorded, so sums agree to rounding.</summary>
    private const double Rounding = 0.05;

    [Fact]
    public void An_account_with_only_historical_events_raises_nothing_as_time_passes_until_a_live_event_arrives()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.B2C }) with { Historical = true });
        for (var d = 0; d < 20; d++) a.Apply(Session(Day(d)) with { Historical = true });

        var silent = a.Evaluate(100); // 80 days later: Dormant, band moves, but all of it is the replay's aftermath
        Assert.Equal(LifecycleStage.Dormant, a.State.Stage);
        Assert.Empty(silent.Alerts);
        Assert.Empty(a.State.RecentAlerts);
        Assert.Null(a.State.LiveSince);

        var live = a.Apply(Nps(Day(101), 2)); // the first live event: news again
        Assert.NotNull(a.State.LiveSince);
        Assert.Contains(live.Alerts, x => x.Rule == AlertRules.Detractor);
    }

    [Fact]
    public void A_new_policy_version_moves_scores_without_raising_alerts()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.TechTouch }));
        a.Apply(Nps(Day(0.1), 8));
        a.DailySessions(1, 3);
        var bandBefore = a.State.Band;
        var strict = ThePolicy with { Version = "strict", YellowFrom = 90, GreenFrom = 95, AdvocateFrom = 98 };

        var change = HealthEngine.Evaluate(a.State, Day(3.5), strict);
        Assert.NotEqual(bandBefore, a.State.Band);
        Assert.Empty(change.Alerts);
        Assert.Equal("strict", a.State.PolicyVersion);
        Assert.Contains(AlertRules.BandDrop, a.State.AlertCooldowns.Keys); // armed, not raised
    }

    [Fact]
    public void Setting_an_override_that_turns_the_account_red_raises_no_alert()
    {
        var a = new Account();
        a.DailySessions(0, 5);
        var change = HealthEngine.SetOverride(a.State, new ScoreOverride(5, "fraud review", "carol", Day(5.5), Day(20)), ThePolicy);
        Assert.Equal(Scoring.Band.Red, a.State.Band);
        Assert.Empty(change.Alerts);
    }

    [Fact]
    public void A_tier_change_is_explained_as_weights_changing_and_contributions_still_add_up()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Arr = 20_000 })); // low touch by ARR
        a.Apply(Ev("Contact Role Changed", Day(0.1)) with { Role = "sponsor", Change = "assigned", UserId = "boss" });
        a.Apply(Nps(Day(0.2), 3));
        Assert.Equal(TouchTier.LowTouch, a.State.Tier);

        var change = a.Apply(Group(Day(0.3), new AccountTraits { Arr = 900_000 })); // now high touch: other weights
        Assert.Equal(TouchTier.HighTouch, a.State.Tier);
        var entry = change.Explanation!;
        Assert.Equal(entry.Delta, Sum(entry), Rounding);
        Assert.Contains(entry.Contributions, c => c.Evidence.Rule == HealthEngine.WeightsChangedRule && c.Component == Components.ComponentKind.Relationship);
    }

    [Fact]
    public void A_policy_that_changes_weights_is_explained_and_contributions_add_up()
    {
        var a = new Account();
        a.DailySessions(0, 10);
        a.Apply(Nps(Day(10.1), 2));
        var voiceOnly = ThePolicy with
        {
            Version = "voice-only",
            Tiers = ThePolicy.Tiers.ToDictionary(t => t.Key, t => t.Value with { Weights = [0, 0, 1, 0, 0, 0, 0] }),
        };
        var change = HealthEngine.Evaluate(a.State, Day(10.2), voiceOnly);
        var entry = change.Explanation!;
        Assert.Equal("policy voice-only", entry.EventName);
        Assert.Equal(entry.Delta, Sum(entry), Rounding);
        // The policy moved it (a few hundredths of decay aside): the large contributions are the weights.
        Assert.All(entry.Contributions.Where(c => Math.Abs(c.ScoreDelta) > 1), c => Assert.Equal(HealthEngine.WeightsChangedRule, c.Evidence.Rule));
        Assert.Contains("its weight went from", RuleText.Describe(entry.Contributions[0].Evidence));
    }

    [Fact]
    public void Steady_key_feature_use_is_not_read_as_a_decline_mid_week()
    {
        var a = new Account();
        for (var d = 0; d <= 200; d++) a.Apply(Ev("Feature Used", Day(d)) with { Feature = "reports", IsKeyFeature = true });
        for (var extra = 1; extra <= 7; extra++)
        {
            a.Apply(Ev("Feature Used", Day(200 + extra)) with { Feature = "reports", IsKeyFeature = true });
            var decline = a.State.Activity.KeyFeatureDecline(DayNo(200 + extra));
            Assert.True(Math.Abs(decline) < 0.001, $"steady use read as a decline of {decline:P1}");
        }
    }

    [Theory]
    [InlineData("""{"version":"v","detractorMax":0,"tiers":{"tech-touch":{"weights":{"adoption":1}}}}""", "detractorMax")]
    [InlineData("""{"version":"v","tiers":{"tech-touch":{"weights":{"adoption":1}},"b2c":null}}""", "tiers.b2c")]
    [InlineData("""{"version":"v","rules":null,"tiers":{"tech-touch":{"weights":{"adoption":1}}}}""", "rules")]
    [InlineData("""{"version":"v","tiers":{"tech-touch":{"weights":{"adoption":1},"rules":null}}}""", "tiers.tech-touch.rules")]
    public void Documents_the_model_cannot_run_are_refused_not_crashing(string json, string path)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyDocument.Parse(json));
        Assert.Contains(ex.Errors, e => e.Path == path);
    }
}

/// <summary>Severe conditions cap the score, and the ledger and the explanation say so.</summary>
public class ScoreCapTests
{
    [Fact]
    public void An_invoice_severely_overdue_caps_a_well_used_account_at_yellow_and_the_ledger_charges_payment()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.LowTouch }));
        a.Apply(Ev("Go Live Completed", Day(0.5)));
        a.Apply(Invoice(Day(1), "inv-1", Day(5)));
        a.DailySessions(1, 40); // 35 days overdue on day 40
        Assert.Equal(Scoring.ScoreCaps.PaymentSeverelyOverdue, a.State.CapId);

        var paid = a.Apply(Paid(Day(40.5), "inv-1")); // the cap lifts
        Assert.Null(a.State.CapId);
        Assert.True(a.State.Score > 69);
        var entry = paid.Explanation!;
        Assert.Equal(entry.Delta, entry.Contributions.Sum(c => c.ScoreDelta), 0.05);
        Assert.Contains(entry.Contributions, c => c.Evidence.Rule == "cap." + Scoring.ScoreCaps.PaymentSeverelyOverdue && c.Component == Components.ComponentKind.Payment && c.ScoreDelta > 0);

        var b = new Account();
        b.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.LowTouch }));
        b.Apply(Ev("Go Live Completed", Day(0.5)));
        b.Apply(Invoice(Day(1), "inv-1", Day(5)));
        b.DailySessions(1, 40);
        Assert.Equal(Scoring.ScoreCaps.PaymentSeverelyOverdue, b.State.CapId);
        var why = HealthExplainer.Explain(b.State, ThePolicy);
        Assert.True(why.UncappedScore > 69);
        // Squeezed, not clipped: the score is the uncapped one mapped from [59, 100] onto [59, 69].
        Assert.Equal(Scoring.ScoreCaps.Squeeze(why.UncappedScore + b.State.TrendPoints, 59, 69), b.State.Score, 9);
        Assert.True(b.State.Score < 69);
        Assert.Equal(Scoring.Band.Yellow, b.State.Band);
        Assert.Equal(Scoring.ScoreCaps.PaymentSeverelyOverdue, why.Cap);
        Assert.Contains("Capped below 69 while payment severely overdue", why.Summary);
    }

    [Fact]
    public void A_binding_cap_sets_the_band_outright_hysteresis_does_not_hold_a_green_account_at_69()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.LowTouch }));
        a.Apply(Ev("Go Live Completed", Day(0.5)));
        a.Apply(Invoice(Day(1), "inv-1", Day(30)));
        a.DailySessions(1, 40);
        Assert.True(a.State.Band >= Scoring.Band.Green); // healthy, invoice not yet severely overdue
        a.DailySessions(41, 62); // now more than 30 days overdue
        Assert.Equal(Scoring.ScoreCaps.PaymentSeverelyOverdue, a.State.CapId);
        Assert.InRange(a.State.Score, 50, 69);
        Assert.Equal(Scoring.Band.Yellow, a.State.Band);
    }

    [Fact]
    public void Accounts_under_the_same_cap_keep_the_order_their_evidence_gives()
    {
        // Three accounts with the same severely overdue invoice, used daily, with fewer and fewer key features: clipping
        // put all three at exactly 69.
        var scores = new List<double>();
        foreach (var features in new[] { 3, 2, 1 })
        {
            var a = new Account();
            a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.LowTouch }));
            a.Apply(Ev("Go Live Completed", Day(0.5)));
            a.Apply(Invoice(Day(1), "inv-1", Day(5)));
            a.DailySessions(1, 45);
            for (var f = 0; f < features; f++) a.Apply(Ev("Feature Used", Day(44)) with { Feature = "key-" + f, IsKeyFeature = true });
            a.Evaluate(45.5);
            // The cap binds above its floor (10 points below the ceiling); below it the score is already lower.
            if (a.State.CapId is null) Assert.True(a.State.Score <= 59);
            else Assert.Equal(Scoring.ScoreCaps.PaymentSeverelyOverdue, a.State.CapId);
            Assert.Equal(Scoring.Band.Yellow, a.State.Band);
            scores.Add(a.State.Score);
        }
        Assert.True(scores[0] > scores[1] && scores[1] > scores[2], string.Join(", ", scores));
        Assert.All(scores, score => Assert.True(score < 69));
    }

    [Fact]
    public void The_squeeze_is_strictly_increasing_and_stays_below_the_ceiling()
    {
        var previous = double.NegativeInfinity;
        for (var u = 0.0; u < 100; u += 0.25)
        {
            var squeezed = Scoring.ScoreCaps.Squeeze(u, 50, 69);
            Assert.True(squeezed > previous);
            Assert.True(squeezed < 69);
            Assert.True(squeezed <= u);
            previous = squeezed;
        }
        Assert.Equal(69, Scoring.ScoreCaps.Squeeze(100, 50, 69), 9);
    }

    [Fact]
    public void A_policy_without_caps_scores_the_plain_weighted_mean()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.LowTouch }));
        a.Apply(Ev("Go Live Completed", Day(0.5)));
        a.Apply(Invoice(Day(1), "inv-1", Day(5)));
        a.DailySessions(1, 40);
        HealthEngine.Evaluate(a.State, Day(40.5), ThePolicy with { Version = "no-caps", Caps = new Dictionary<string, double>() });
        Assert.Null(a.State.CapId);
        Assert.True(a.State.Score > 69);
    }
}
