using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Support: bell-shaped on volume, capped by 7-day surges, aged P1/P2 tickets, escalations and outages.</summary>
public class SupportScorerTests
{
    /// <summary>One ticket per listed day, then an evaluation at <paramref name="evaluateDay"/>.</summary>
    private static Account Tickets(double evaluateDay, params double[] days)
    {
        var a = new Account();
        for (var i = 0; i < days.Length; i++) a.Apply(Ticket(Day(days[i]).AddMinutes(i), "t" + i));
        a.Evaluate(evaluateDay);
        return a;
    }

    private static double[] OnePerDay(int from, int count) => Enumerable.Range(from, count).Select(d => (double)d).ToArray();

    [Fact]
    public void Support_is_bell_shaped_none_is_worse_than_some_and_many_is_worse_still()
    {
        var none = Tickets(40, 0); // one ticket 40 days ago: support data, but no ticket in the last 30 days
        var some = Tickets(20, 0, 8, 16);
        var many = Tickets(20, OnePerDay(0, 10)); // 10 in 30 days, none in the last 7
        var flood = Tickets(29, OnePerDay(0, 25)); // >20 in 30 days (the tier's danger level)

        var noneScore = none.Component(ComponentKind.Support);
        var someScore = some.Component(ComponentKind.Support);
        var manyScore = many.Component(ComponentKind.Support);
        var floodScore = flood.Component(ComponentKind.Support);

        Assert.Equal(SupportScorer.NoTicketsScore, noneScore, 6);
        Assert.Equal(100, someScore, 6);
        Assert.True(noneScore < someScore);
        Assert.True(manyScore < someScore, $"10 tickets scored {manyScore}");
        Assert.True(floodScore < manyScore, $"25 tickets scored {floodScore}");
        Assert.True(floodScore <= 40);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void One_to_three_tickets_a_month_score_100(int tickets)
    {
        var a = Tickets(25, Enumerable.Range(0, tickets).Select(i => 8.0 * i).ToArray());
        Assert.Equal(100, a.Component(ComponentKind.Support), 6);
    }

    [Theory]
    [InlineData(3, 60)]
    [InlineData(4, 60)]
    [InlineData(5, 30)]
    [InlineData(7, 30)]
    public void Tickets_in_7_days_cap_the_score(int ticketsInAWeek, double cap)
    {
        var a = Tickets(12, Enumerable.Range(0, ticketsInAWeek).Select(i => 10.0 + i % 2).ToArray());
        Assert.Equal(cap, a.Component(ComponentKind.Support), 6);
    }

    [Fact]
    public void The_surge_cap_lifts_once_the_tickets_are_older_than_7_days()
    {
        var a = Tickets(10, 10, 10, 10);
        Assert.Equal(60, a.Component(ComponentKind.Support), 6);
        a.Evaluate(16);
        Assert.Equal(60, a.Component(ComponentKind.Support), 6);
        a.Evaluate(17);
        Assert.Equal(100, a.Component(ComponentKind.Support), 6);
    }

    [Theory]
    [InlineData(1, 10, 100)]
    [InlineData(1, 11, 40)]
    [InlineData(2, 11, 40)]
    [InlineData(2, 25, 40)]
    [InlineData(3, 25, 100)]
    [InlineData(4, 25, 100)]
    public void An_open_P1_or_P2_older_than_10_days_caps_at_40(int priority, int ageDays, double expected)
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "crit", priority));
        a.Evaluate(ageDays);
        Assert.Equal(expected, a.Component(ComponentKind.Support), 6);
    }

    [Fact]
    public void Solving_the_aged_critical_ticket_lifts_the_cap()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "crit", priority: 1));
        a.Evaluate(12);
        Assert.Equal(40, a.Component(ComponentKind.Support), 6);
        a.Send("Ticket Solved", 13, e => e with { TicketId = "crit" });
        Assert.Equal(100, a.Component(ComponentKind.Support), 6);
    }

    [Fact]
    public void Escalation_to_P1_counts_as_critical_and_subtracts()
    {
        var a = new Account();
        a.Apply(Ticket(Day(0), "t1", priority: 3));
        a.Send("Ticket Escalated", 1, e => e with { TicketId = "t1", Priority = 1 });
        Assert.Equal(90, a.Component(ComponentKind.Support), 6); // 1 ticket = 100, one escalation -10
        Assert.Equal(1, a.State.Support.Open["t1"].Priority);
        a.Evaluate(12);
        Assert.Equal(40 - 10, a.Component(ComponentKind.Support), 6); // aged P1 cap 40, escalation still in 30 days
    }

    [Fact]
    public void Outages_subtract_and_two_in_30_days_cap_at_50()
    {
        var one = new Account();
        one.Send("Outage Reported", 0);
        Assert.Equal(SupportScorer.NoTicketsScore - 10, one.Component(ComponentKind.Support), 6);

        var two = new Account();
        two.Apply(Ticket(Day(0), "t1"));
        two.Send("Outage Reported", 1);
        two.Send("Outage Reported", 2);
        Assert.Equal(50, two.Component(ComponentKind.Support), 6); // 100 - 20 = 80, capped at 50

        two.Evaluate(32); // both outages (and the ticket) out of the 30-day window
        Assert.Equal(SupportScorer.NoTicketsScore, two.Component(ComponentKind.Support), 6);
    }

    [Fact]
    public void High_touch_reaches_its_danger_volume_sooner_than_tech_touch()
    {
        double Score(TouchTier tier)
        {
            var a = Account.WithTier(tier);
            for (var i = 0; i < 8; i++) a.Apply(Ticket(Day(2 * i), "t" + i));
            a.Evaluate(22); // 8 tickets in 30 days, none in the last 7
            return a.Component(ComponentKind.Support);
        }
        var high = Score(TouchTier.HighTouch); // danger 10
        var tech = Score(TouchTier.TechTouch); // danger 20
        Assert.Equal(100 - 60.0 * 5 / 7, high, 6);
        Assert.Equal(100 - 60.0 * 5 / 17, tech, 6);
        Assert.True(high < tech);
    }

    [Fact]
    public void No_support_events_means_no_support_data()
    {
        var a = new Account();
        a.Apply(Session(Day(0)));
        Assert.True(double.IsNaN(a.Component(ComponentKind.Support)));
    }
}
