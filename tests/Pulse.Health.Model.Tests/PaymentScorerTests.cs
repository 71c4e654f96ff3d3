using Pulse.Health.Model.Components;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Payment: on-time ratio, the overdue ladder (1–15 / 16–30 / &gt;30 days) and failed payments.</summary>
public class PaymentScorerTests
{
    [Fact]
    public void On_time_ratio_of_paid_invoices()
    {
        var a = new Account();
        for (var i = 1; i <= 4; i++) a.Apply(Invoice(Day(0).AddMinutes(i), "inv" + i, due: Day(30)));
        for (var i = 1; i <= 3; i++) a.Apply(Paid(Day(20).AddMinutes(i), "inv" + i)); // on time
        Assert.Equal(100, a.Component(ComponentKind.Payment), 6);
        a.Apply(Paid(Day(40), "inv4")); // ten days late
        Assert.Empty(a.State.Payment.Open);
        Assert.Equal(75, a.Component(ComponentKind.Payment), 6);
    }

    [Fact]
    public void Paying_within_a_day_of_the_due_date_counts_as_on_time()
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv1", due: Day(30)));
        a.Apply(Paid(Day(30).AddHours(23), "inv1"));
        Assert.Equal(100, a.Component(ComponentKind.Payment), 6);
        Assert.Equal(1, a.State.Payment.PaidOnTime);
    }

    [Fact]
    public void An_issued_invoice_not_yet_due_scores_full_marks()
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv1", due: Day(30)));
        Assert.Equal(100, a.Component(ComponentKind.Payment), 6);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 60)]
    [InlineData(15, 60)]
    [InlineData(16, 30)]
    [InlineData(30, 30)]
    [InlineData(31, 10)]
    [InlineData(60, 10)]
    public void The_most_overdue_open_invoice_caps_the_score(int daysOverdue, double expected)
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv1", due: Day(10)));
        a.Evaluate(10 + daysOverdue);
        Assert.Equal(expected, a.Component(ComponentKind.Payment), 6);
    }

    [Fact]
    public void The_overdue_cap_applies_on_top_of_a_good_payment_history_and_lifts_when_paid()
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "old", due: Day(10)));
        a.Apply(Paid(Day(5), "old"));
        a.Apply(Invoice(Day(30), "new", due: Day(40)));
        a.Evaluate(60); // 20 days overdue
        Assert.Equal(30, a.Component(ComponentKind.Payment), 6);
        a.Apply(Paid(Day(61), "new"));
        Assert.Equal(50, a.Component(ComponentKind.Payment), 6); // 1 on time, 1 late
    }

    [Theory]
    [InlineData(1, 25)]
    [InlineData(2, 10)]
    [InlineData(3, 10)]
    public void Failed_payments_in_the_last_30_days_cap_the_score(int failures, double expected)
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv1", due: Day(30)));
        for (var i = 0; i < failures; i++) a.Apply(PaymentFailed(Day(1 + i), "inv1"));
        Assert.Equal(expected, a.Component(ComponentKind.Payment), 6);
    }

    [Fact]
    public void An_older_failure_within_90_days_subtracts_15_then_is_forgotten()
    {
        var a = new Account();
        a.Apply(Invoice(Day(0), "inv1", due: Day(30)));
        a.Apply(PaymentFailed(Day(5), "inv1"));
        a.Apply(Paid(Day(6), "inv1")); // the retry succeeded, on time
        Assert.Equal(25, a.Component(ComponentKind.Payment), 6);
        a.Evaluate(34);
        Assert.Equal(25, a.Component(ComponentKind.Payment), 6); // still within 30 days
        a.Evaluate(40);
        Assert.Equal(100 - PaymentScorer.OlderFailurePenalty, a.Component(ComponentKind.Payment), 6);
        a.Evaluate(96);
        Assert.Equal(100, a.Component(ComponentKind.Payment), 6);
    }

    [Fact]
    public void A_failed_payment_on_an_unknown_invoice_opens_it_due_immediately()
    {
        var a = new Account();
        a.Apply(PaymentFailed(Day(0), "card-renewal"));
        Assert.True(a.State.Payment.Open.ContainsKey("card-renewal"));
        Assert.Equal(25, a.Component(ComponentKind.Payment), 6);
        a.Evaluate(20);
        Assert.Equal(25, a.Component(ComponentKind.Payment), 6); // failure cap (25) below the 16–30 day cap (30)
        a.Evaluate(45);
        // 45 days overdue caps at 10, and the (now older) failure subtracts 15
        Assert.Equal(0, a.Component(ComponentKind.Payment), 6);
    }

    [Fact]
    public void No_billing_events_means_no_payment_data()
    {
        var a = new Account();
        a.Apply(Session(Day(0)));
        Assert.True(double.IsNaN(a.Component(ComponentKind.Payment)));
    }
}
