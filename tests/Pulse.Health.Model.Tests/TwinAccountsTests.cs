using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Scoring;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>
/// The two tech-touch accounts of issue #10, on a pipeline that sends no lifecycle events: a plainly healthy one must not
/// be held Yellow for want of a <c>Go Live Completed</c>, and its troubled twin must be Red with every cause named.
/// </summary>
public class TwinAccountsTests
{
    private const int Weeks = 8;

    private static Account Start()
    {
        var a = new Account();
        a.Apply(Group(Day(0), new AccountTraits { Tier = TouchTier.TechTouch, Seats = 10, Arr = 6_000, RenewalDate = Day(Weeks * 7 + 60) }));
        a.Send("Contact Role Changed", 0.1, e => e with { Role = "champion", Change = "assigned", UserId = "u-1" });
        return a;
    }

    private static void UseOn(Account a, int day, int users)
    {
        for (var u = 1; u <= users; u++)
        {
            a.Apply(Session(Kit.Day(day + u / 100.0)) with { UserId = "u-" + u });
            a.Apply(Ev("Feature Used", Kit.Day(day + u / 100.0 + 0.001)) with { UserId = "u-" + u, Feature = "reports", IsKeyFeature = true });
        }
    }

    private static void Monthly(Account a, int day, bool pay)
    {
        var id = "inv-" + day;
        a.Apply(Invoice(Kit.Day(day + 0.2), id, Kit.Day(day + 14)));
        if (pay) a.Apply(Paid(Kit.Day(day + 3), id));
        else a.Apply(PaymentFailed(Kit.Day(day + 3), id));
    }

    [Fact]
    public void The_healthy_tech_touch_account_is_Green_or_better_without_a_single_onboarding_event()
    {
        var a = Start();
        for (var day = 1; day <= Weeks * 7; day++)
        {
            UseOn(a, day, users: 6);
            if (day % 7 == 1) a.Send("Seats Updated", day + 0.3, e => e with { SeatsPurchased = 10, SeatsActive = 9 });
            if (day % 30 == 1) Monthly(a, day, pay: true);
        }
        a.Apply(Ticket(Kit.Day(20), "t-1", priority: 3));
        a.Send("Ticket Solved", 21, e => e with { TicketId = "t-1" });
        a.Apply(Nps(Kit.Day(40), 9));
        a.Evaluate(Weeks * 7 + 0.5);

        Assert.True(a.State.Band >= Band.Green, $"{a.State.Band} at {a.State.Score}");
        Assert.Null(a.State.CapId);
        Assert.False(a.State.Flags.HasFlag(LifecycleFlags.OnboardingSlaBreached));
        Assert.False(a.State.Flags.HasFlag(LifecycleFlags.AtRisk));
        // Value inferred from use; then 9 of 10 seats active makes it Expanding (the >80% upsell signal).
        Assert.Equal(LifecycleStage.Expanding, a.State.Stage);
        Assert.True(a.State.FirstValueInferred);
        Assert.True(a.State.FirstValueAt < Kit.Day(14));
    }

    [Fact]
    public void The_troubled_twin_is_Red_and_explain_names_support_payment_the_champion_and_usage()
    {
        var a = Start();
        for (var day = 1; day <= Weeks * 7; day++)
        {
            // Usage falls from six users a day to nothing over the last four weeks.
            var users = day <= 28 ? 6 : Math.Max(0, 6 - (day - 28) / 4);
            if (users > 0) UseOn(a, day, users);
            if (day % 7 == 1) a.Send("Seats Updated", day + 0.3, e => e with { SeatsPurchased = 10, SeatsActive = Math.Max(1, users) });
            if (day % 30 == 1) Monthly(a, day, pay: day < 30);
        }
        for (var t = 0; t < 6; t++) a.Apply(Ticket(Kit.Day(50 + t * 0.5), "t-" + t, priority: t == 0 ? 1 : 3));
        a.Apply(Nps(Kit.Day(52), 3));
        a.Send("Contact Role Changed", 53, e => e with { Role = "champion", Change = "departed", UserId = "u-1" });
        a.Evaluate(Weeks * 7 + 0.5);

        Assert.Equal(Band.Red, a.State.Band);
        Assert.True(a.State.Flags.HasFlag(LifecycleFlags.AtRisk));
        var why = HealthExplainer.Explain(a.State, ThePolicy);
        Assert.Contains("support", why.Summary);
        Assert.Contains("payment", why.Summary);
        Assert.Contains("relationship", why.Summary);
        Assert.Contains("adoption", why.Summary);
        Assert.Contains("key-contact-lost", why.RiskReasons);
        Assert.Contains("payment-failed", why.RiskReasons);
        Assert.Contains("support-surge", why.RiskReasons);
    }

    [Fact]
    public void The_ledger_names_the_reading_that_moved_not_the_weakest_one()
    {
        // Seats are weak (2 of 10 active) the whole time; a day of use moves frequency, and the ledger must say so.
        var a = Start();
        a.Send("Seats Updated", 0.5, e => e with { SeatsPurchased = 10, SeatsActive = 2 });
        var change = a.Apply(Session(Kit.Day(1)) with { UserId = "u-1" });
        var adoption = Assert.Single(change.Explanation!.Contributions, c => c.Component == Components.ComponentKind.Adoption);
        Assert.StartsWith("usage.active-days", adoption.Evidence.Rule);
        Assert.NotEqual("usage.seats-active-of-purchased", adoption.Evidence.Rule);
    }
}
