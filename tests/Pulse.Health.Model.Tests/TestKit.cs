using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Tests;

/// <summary>Shared fixtures: the shipped policy, a fixed clock origin and event builders with explicit timestamps.</summary>
internal static class Kit
{
    public static readonly HealthPolicy ThePolicy = DefaultPolicy.Create();

    /// <summary>The shipped policy with the trend switched off: for tests of mechanics that a trend adjustment would blur.</summary>
    public static readonly HealthPolicy LevelOnly = ThePolicy with { Version = "level-only", TrendWeight = 0 };

    /// <summary>Day 0 of every scenario (midnight UTC, a Monday).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Noon of scenario day <paramref name="day"/>: well clear of the UTC day edges the model counts in.</summary>
    public static DateTimeOffset Day(double day) => T0.AddDays(day).AddHours(12);

    public static int DayNo(double day) => DayNumber.Of(Day(day));

    private static long _ids;

    public static string NewId(string prefix = "m") => prefix + "-" + Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A track event as the ingest maps it: the kind comes from the name.</summary>
    public static HealthEvent Ev(string name, DateTimeOffset at, string? id = null) =>
        new() { MessageId = id ?? NewId(), Name = name, Kind = EventCatalog.KindOf(name), Timestamp = at };

    /// <summary>A Segment <c>group</c> call carrying traits (not product activity).</summary>
    public static HealthEvent Group(DateTimeOffset at, AccountTraits traits, string? id = null) =>
        new() { MessageId = id ?? NewId("g"), Name = "group", Kind = EventKind.Traits, Timestamp = at, Traits = traits };

    public static HealthEvent Session(DateTimeOffset at) => Ev("Session Started", at);
    public static HealthEvent Ticket(DateTimeOffset at, string ticketId, int priority = 3) => Ev("Ticket Opened", at) with { TicketId = ticketId, Priority = priority };
    public static HealthEvent Nps(DateTimeOffset at, double score) => Ev("NPS Submitted", at) with { Score = score };
    public static HealthEvent Csat(DateTimeOffset at, double score) => Ev("CSAT Submitted", at) with { Score = score };
    public static HealthEvent Invoice(DateTimeOffset at, string invoiceId, DateTimeOffset due, double amount = 1000) =>
        Ev("Invoice Issued", at) with { InvoiceId = invoiceId, DueDate = due, Amount = amount };
    public static HealthEvent Paid(DateTimeOffset at, string invoiceId) => Ev("Payment Received", at) with { InvoiceId = invoiceId };
    public static HealthEvent PaymentFailed(DateTimeOffset at, string invoiceId) => Ev("Payment Failed", at) with { InvoiceId = invoiceId };
    public static HealthEvent Seats(DateTimeOffset at, int purchased, int active) => Ev("Seats Updated", at) with { SeatsPurchased = purchased, SeatsActive = active };
}

/// <summary>One account under test: applies events with receivedAt = event time unless told otherwise.</summary>
internal sealed class Account(string id = "acct-1")
{
    public AccountHealth State { get; } = new(id);

    /// <summary>The policy every call of this helper scores with.</summary>
    public HealthPolicy Policy { get; init; } = Kit.ThePolicy;

    public static Account WithTier(TouchTier tier, double day = 0, HealthPolicy? policy = null)
    {
        var a = new Account { Policy = policy ?? Kit.ThePolicy };
        a.Apply(Kit.Group(Kit.Day(day), new AccountTraits { Tier = tier }));
        return a;
    }

    public HealthChange Apply(HealthEvent e, DateTimeOffset? receivedAt = null) =>
        HealthEngine.Apply(State, e, Policy, receivedAt ?? e.Timestamp);

    public HealthChange Send(string name, double day, Func<HealthEvent, HealthEvent>? with = null)
    {
        var e = Kit.Ev(name, Kit.Day(day));
        return Apply(with is null ? e : with(e));
    }

    public HealthChange Evaluate(double day) => HealthEngine.Evaluate(State, Kit.Day(day), Policy);

    /// <summary>One Session Started per day in [from, to] (every <paramref name="step"/> days); returns every change.</summary>
    public List<HealthChange> DailySessions(int from, int to, int step = 1)
    {
        var changes = new List<HealthChange>();
        for (var d = from; d <= to; d += step) changes.Add(Apply(Kit.Session(Kit.Day(d))));
        return changes;
    }

    public double Component(ComponentKind kind) => State.Components[(int)kind];
}

/// <summary>A long, varied account history with fixed message ids: every kind of evidence, alerts, ledger, lifecycle.</summary>
internal static class RichLife
{
    /// <summary>Steps in order: an event to apply (received at its timestamp unless stated) or, with no event, an evaluation.</summary>
    public static List<(HealthEvent? Event, DateTimeOffset At)> Steps()
    {
        // (order key in days, event or null for an evaluation, time). Sorted by key: late events get a later key.
        var steps = new List<(double Key, HealthEvent? Event, DateTimeOffset At)>();
        var n = 0;
        void Add(string name, double day, Func<HealthEvent, HealthEvent>? with = null, double? appliedOn = null)
        {
            var e = Kit.Ev(name, Kit.Day(day), $"rich-{n++:D3}");
            e = with is null ? e : with(e);
            var at = appliedOn is { } late ? Kit.Day(late) : e.Timestamp; // received when applied
            steps.Add((appliedOn ?? day, e, at));
        }
        void Evaluate(double day) => steps.Add((day, null, Kit.Day(day)));

        steps.Add((0, Kit.Group(Kit.Day(0), new AccountTraits
        {
            Name = "Acme Ltd", Plan = "pro", Tier = TouchTier.LowTouch, Arr = 120_000, Seats = 50,
            RenewalDate = Kit.Day(200), Segment = "mid-market", Industry = "fintech",
        }, "rich-group"), Kit.Day(0)));
        Add("Contract Signed", 0.01, e => e with { Arr = 120_000, RenewalDate = Kit.Day(200) });
        Add("Invoice Issued", 0.02, e => e with { InvoiceId = "i1", Amount = 10_000, DueDate = Kit.Day(30) });
        for (var d = 1; d <= 60; d++)
        {
            Add(d % 3 == 0 ? "Page Viewed" : "Session Started", d + 0.1);
            if (d % 7 == 0) Add("Report Exported", d + 0.2); // unknown event: generic activity
        }
        Add("Go Live Completed", 7.3);
        Add("Feature Used", 5.3, e => e with { Feature = "reports", IsKeyFeature = true }, appliedOn: 8.3); // arrives late
        Add("Feature Used", 10.3, e => e with { Feature = "alerts", IsKeyFeature = true });
        Add("Feature Used", 10.4, e => e with { Feature = "export" });
        Add("Ticket Opened", 10.5, e => e with { TicketId = "t1", Priority = 2 });
        Add("Ticket Solved", 12.5, e => e with { TicketId = "t1" });
        Add("Feature Used", 15.3, e => e with { Feature = "api", IsKeyFeature = true });
        Add("Seats Updated", 20.3, e => e with { SeatsPurchased = 50, SeatsActive = 42 });
        Add("Payment Received", 25.3, e => e with { InvoiceId = "i1" });
        Add("Invoice Issued", 30.3, e => e with { InvoiceId = "i2", Amount = 10_000, DueDate = Kit.Day(60) });
        Add("Ticket Opened", 50.5, e => e with { TicketId = "t2", Priority = 3 });
        Add("Ticket Escalated", 51.5, e => e with { TicketId = "t2", Priority = 1 });
        Add("Outage Reported", 53.5, e => e with { Severity = "major", Minutes = 45 });
        Add("Milestone Reached", 35.3, e => e with { Milestone = "first_value" });
        Add("Survey Sent", 40.3, e => e with { SurveyId = "s1", SurveyType = "nps" });
        Add("NPS Submitted", 45.3, e => e with { Score = 5 });
        Add("CSAT Submitted", 46.3, e => e with { Score = 4 });
        Add("Page Viewed", 3.6, e => e with { Historical = true }, appliedOn: 47.3); // a backfill
        Add("CES Submitted", 48, e => e with { Score = 6 });
        Add("Advocacy Recorded", 50.3, e => e with { AdvocacyKind = "review" });
        Add("Survey Sent", 50.4, e => e with { SurveyId = "s2", SurveyType = "csat" });
        Add("Contract Changed", 55.3, e => e with { Change = "upgrade", Arr = 150_000 });
        Add("Invoice Issued", 60.3, e => e with { InvoiceId = "i3", Amount = 12_500, DueDate = Kit.Day(90) });
        Add("Payment Failed", 61.3, e => e with { InvoiceId = "i2" });
        Add("Ticket Opened", 62.5, e => e with { TicketId = "t3", Priority = 2 });
        Evaluate(70);
        Add("Email Opened", 71, e => e with { Campaign = "q3" });
        Add("Contact Role Changed", 72, e => e with { Role = "champion", Change = "assigned", UserId = "u-champ" });
        Add("Contact Role Changed", 72.5, e => e with { Role = "sponsor", Change = "assigned", UserId = "u-boss" });
        Add("Email Clicked", 73, e => e with { Campaign = "q3" });
        Add("Email Bounced", 74, e => e with { Campaign = "q3" });
        Add("Email Unsubscribed", 75, e => e with { Campaign = "q3", UserId = "u-champ" });
        Add("Session Started", 75.5, e => e with { UserId = "u-boss" }); // exec use
        Add("Webinar Attended", 76.5);
        Evaluate(78);
        return [.. steps.OrderBy(s => s.Key).Select(s => (s.Event, s.At))];
    }

    public static List<HealthChange> Apply(AccountHealth s, IEnumerable<(HealthEvent? Event, DateTimeOffset At)> steps) =>
        steps.Select(step => step.Event is { } e
            ? HealthEngine.Apply(s, e, Kit.ThePolicy, step.At)
            : HealthEngine.Evaluate(s, step.At, Kit.ThePolicy)).ToList();

    public static AccountHealth Build(string id = "acct-rich")
    {
        var s = new AccountHealth(id);
        Apply(s, Steps());
        Finish(s);
        return s;
    }

    /// <summary>The last step, after all events: a person overrides the score (so the override is part of the state).</summary>
    public static void Finish(AccountHealth s) =>
        HealthEngine.SetOverride(s, new ScoreOverride(88, "renewal signed offline", "ops@example.com", Kit.Day(78.5), Kit.Day(120)), Kit.ThePolicy);
}
