using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Risk and opportunity rules, their cooldown, and historical events that never alert.</summary>
public class AlertTests
{
    private static bool Has(HealthChange c, string rule) => c.Alerts.Any(a => a.Rule == rule);

    [Fact]
    public void Usage_drop_fires_when_usage_falls_25_percent_or_more_vs_baseline()
    {
        var a = new Account();
        var buildUp = a.DailySessions(0, 89);
        Assert.DoesNotContain(buildUp, c => Has(c, AlertRules.UsageDrop));

        var down27 = a.Evaluate(97); // 22 of the last 30 days active vs a daily baseline
        var alert = Assert.Single(down27.Alerts, x => x.Rule == AlertRules.UsageDrop);
        Assert.Equal(AlertKind.Risk, alert.Kind);
        Assert.Equal(Day(97), alert.At);
        Assert.Contains("27%", alert.Message);
        Assert.True(a.State.RiskReasons.HasFlag(RiskReason.UsageDrop));
        Assert.True(a.State.Flags.HasFlag(LifecycleFlags.AtRisk));
    }

    [Theory]
    [InlineData(4)] // -13%
    [InlineData(6)] // -20%
    [InlineData(7)] // -23%
    public void A_smaller_drop_does_not_fire(int silentDays)
    {
        var a = new Account();
        a.DailySessions(0, 89);
        var change = a.Evaluate(89 + silentDays);
        Assert.False(Has(change, AlertRules.UsageDrop));
        Assert.False(a.State.RiskReasons.HasFlag(RiskReason.UsageDrop));
    }

    [Fact]
    public void Support_surge_fires_on_the_fifth_ticket_in_7_days()
    {
        var a = new Account();
        for (var i = 0; i < 4; i++) Assert.False(Has(a.Apply(Ticket(Day(i), "t" + i)), AlertRules.SupportSurge));
        var fifth = a.Apply(Ticket(Day(6), "t4"));
        var alert = Assert.Single(fifth.Alerts, x => x.Rule == AlertRules.SupportSurge);
        Assert.Equal(AlertKind.Risk, alert.Kind);
        Assert.Contains("5 tickets in 7 days", alert.Message);
    }

    [Fact]
    public void Five_tickets_spread_over_more_than_7_days_are_no_surge()
    {
        var a = new Account();
        var changes = Enumerable.Range(0, 5).Select(i => a.Apply(Ticket(Day(2 * i), "t" + i))).ToList();
        Assert.DoesNotContain(changes, c => Has(c, AlertRules.SupportSurge));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(10, false)]
    public void Detractor_fires_on_nps_of_6_or_less(double nps, bool fires)
    {
        var a = new Account();
        var change = a.Apply(Nps(Day(0), nps));
        Assert.Equal(fires, Has(change, AlertRules.Detractor));
        Assert.Equal(fires, a.State.RiskReasons.HasFlag(RiskReason.Detractor));
    }

    [Fact]
    public void A_detractor_with_health_below_70_asks_for_a_personal_call()
    {
        var a = new Account();
        var change = a.Apply(Nps(Day(0), 2));
        Assert.True(a.State.Score < 70);
        Assert.Contains("personal call", Assert.Single(change.Alerts, x => x.Rule == AlertRules.Detractor).Message);
    }

    [Fact]
    public void Payment_failed_fires_on_the_failure()
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv-7", Day(30)));
        var change = a.Apply(PaymentFailed(Day(1), "inv-7"));
        var alert = Assert.Single(change.Alerts, x => x.Rule == AlertRules.PaymentFailed);
        Assert.Equal(AlertKind.Risk, alert.Kind);
        Assert.Contains("inv-7", alert.Message);
        Assert.Contains(alert, a.State.RecentAlerts);
    }

    [Theory]
    [InlineData(81, true)]
    [InlineData(95, true)]
    [InlineData(80, false)]
    [InlineData(50, false)]
    public void Upsell_seats_is_an_opportunity_above_80_percent_active(int active, bool fires)
    {
        var a = new Account();
        var change = a.Apply(Seats(Day(0), 100, active));
        Assert.Equal(fires, Has(change, AlertRules.UpsellSeats));
        if (fires) Assert.Equal(AlertKind.Opportunity, change.Alerts.Single(x => x.Rule == AlertRules.UpsellSeats).Kind);
    }

    [Fact]
    public void The_same_rule_does_not_fire_twice_within_7_days_but_fires_again_after()
    {
        var a = new Account();
        for (var i = 0; i < 4; i++) a.Apply(Invoice(Day(0).AddMinutes(i), "inv" + i, Day(30)));
        Assert.True(Has(a.Apply(PaymentFailed(Day(1), "inv0")), AlertRules.PaymentFailed));
        Assert.False(Has(a.Apply(PaymentFailed(Day(3), "inv1")), AlertRules.PaymentFailed));
        Assert.False(Has(a.Apply(PaymentFailed(Day(7.9), "inv2")), AlertRules.PaymentFailed));
        Assert.Equal(Day(1), a.State.AlertCooldowns[AlertRules.PaymentFailed]); // suppressed alerts do not extend it
        Assert.True(Has(a.Apply(PaymentFailed(Day(8), "inv3")), AlertRules.PaymentFailed));
        Assert.Equal(Day(8), a.State.AlertCooldowns[AlertRules.PaymentFailed]);
    }

    [Fact]
    public void Cooldowns_are_per_rule()
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv0", Day(30)));
        Assert.True(Has(a.Apply(PaymentFailed(Day(1), "inv0")), AlertRules.PaymentFailed));
        Assert.True(Has(a.Apply(Nps(Day(2), 3)), AlertRules.Detractor));
    }

    [Fact]
    public void Time_driven_conditions_also_respect_the_cooldown()
    {
        var a = new Account();
        a.DailySessions(0, 89);
        Assert.True(Has(a.Evaluate(97), AlertRules.UsageDrop));
        Assert.False(Has(a.Evaluate(100), AlertRules.UsageDrop)); // still dropped, within 7 days
        Assert.True(Has(a.Evaluate(104), AlertRules.UsageDrop)); // still dropped, cooldown over
    }

    [Fact]
    public void Historical_events_change_the_score_but_never_alert()
    {
        var live = new Account();
        var hist = new Account();
        foreach (var acc in new[] { live, hist }) acc.Apply(Ticket(Day(0), "t1"));

        HealthEvent[] events =
        [
            Nps(Day(1), 0),
            Invoice(Day(2), "inv", Day(3)),
            PaymentFailed(Day(3), "inv"),
            Seats(Day(4), 100, 95),
            Ticket(Day(5), "t2"), Ticket(Day(5), "t3"), Ticket(Day(5), "t4"), Ticket(Day(6), "t5"),
            Ev("Subscription Cancelled", Day(7)),
        ];
        var liveAlerts = new List<Alert>();
        foreach (var e in events)
        {
            liveAlerts.AddRange(live.Apply(e).Alerts);
            var before = hist.State.Score;
            var change = hist.Apply(e with { Historical = true });
            Assert.Empty(change.Alerts);
            if (e.Kind == EventKind.NpsSubmitted)
            {
                Assert.True(change.ScoreAfter < before, "a historical detractor still lowers the score");
                Assert.NotNull(change.Explanation);
                Assert.Equal(change.ScoreAfter, hist.State.Score);
            }
        }

        Assert.Contains(liveAlerts, x => x.Rule == AlertRules.Detractor);
        Assert.Contains(liveAlerts, x => x.Rule == AlertRules.PaymentFailed);
        Assert.Contains(liveAlerts, x => x.Rule == AlertRules.UpsellSeats);
        Assert.Contains(liveAlerts, x => x.Rule == AlertRules.SupportSurge);
        Assert.Contains(liveAlerts, x => x.Rule == AlertRules.Cancellation);

        Assert.Empty(hist.State.RecentAlerts);
        // A backfill starts the cooldown of conditions it saw hold, so going live does not replay them as news…
        Assert.Contains(AlertRules.SupportSurge, hist.State.AlertCooldowns.Keys);
        Assert.Contains(AlertRules.UpsellSeats, hist.State.AlertCooldowns.Keys);
        // …but one-off events in the history do not silence the same event arriving live.
        Assert.DoesNotContain(AlertRules.PaymentFailed, hist.State.AlertCooldowns.Keys);
        Assert.DoesNotContain(AlertRules.Detractor, hist.State.AlertCooldowns.Keys);
        Assert.DoesNotContain(AlertRules.Cancellation, hist.State.AlertCooldowns.Keys);
        Assert.Equal(live.State.Score, hist.State.Score, 9);
        Assert.Equal(live.State.Components, hist.State.Components);
        Assert.Equal(live.State.Stage, hist.State.Stage);
        Assert.Equal(live.State.Ledger.Count, hist.State.Ledger.Count);

        var nowLive = hist.Apply(Nps(Day(8), 1));
        Assert.True(Has(nowLive, AlertRules.Detractor));
    }

    [Fact]
    public void Cancellation_fires_once_when_the_account_churns()
    {
        var a = new Account();
        a.Send("Contract Signed", 0);
        var cancel = a.Send("Subscription Cancelled", 1, e => e with { Reason = "price" });
        Assert.Contains("Churned: Subscription Cancelled: price", Assert.Single(cancel.Alerts, x => x.Rule == AlertRules.Cancellation).Message);
        var again = a.Send("Renewal Closed", 20, e => e with { Outcome = "churned" });
        Assert.False(Has(again, AlertRules.Cancellation));
    }

    [Fact]
    public void Band_drop_fires_only_for_a_band_held_at_least_a_day()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t1")); // support 100: Advocate
        var sameDay = a.Apply(Nps(Day(0).AddHours(1), 0)); // (100 + 0) / 2 = 50: Yellow, but Advocate was an hour old
        Assert.Equal(Band.Yellow, a.State.Band);
        Assert.True(sameDay.BandChanged);
        Assert.False(Has(sameDay, AlertRules.BandDrop));

        var outage = a.Send("Outage Reported", 5); // support 90, voice ≈ 2 → ≈ 46: Red after 5 days in Yellow
        Assert.Equal(Band.Red, a.State.Band);
        var alert = Assert.Single(outage.Alerts, x => x.Rule == AlertRules.BandDrop);
        Assert.Contains("Yellow → Red", alert.Message);
    }

    [Fact]
    public void Recent_alerts_are_bounded()
    {
        var a = new Account();
        for (var i = 0; i < 12; i++)
        {
            a.Apply(Invoice(Day(8 * i), "inv" + i, Day(8 * i + 30)));
            a.Apply(PaymentFailed(Day(8 * i).AddHours(1), "inv" + i));
        }
        Assert.Equal(AccountHealth.MaxRecentAlerts, a.State.RecentAlerts.Count);
        Assert.Equal(Day(88).AddHours(1), a.State.RecentAlerts.Last().At);
    }
}
