using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Personas;

/// <summary>
/// Building blocks the persona scripts share: product use, seats, billing, support, surveys, e-mail, lifecycle.
/// Each writes the Segment events the health model reads, with the properties it requires.
/// </summary>
public static partial class Behaviour
{
    /// <summary>The product's sticky features (<c>key: true</c>); depth is how many of them an account uses.</summary>
    public static readonly IReadOnlyList<string> KeyFeatures = ["dashboards", "automations", "integrations", "reports", "alerts"];
    public static readonly IReadOnlyList<string> OtherFeatures = ["search", "export", "comments", "settings", "notifications"];
    public static readonly IReadOnlyList<string> OnboardingMilestones =
        ["kickoff", "sso_configured", "data_imported", "users_invited", "first_workflow", "go_live"];
    private static readonly IReadOnlyList<string> Pages = ["/home", "/dashboards", "/reports", "/settings", "/integrations", "/billing"];
    private static readonly IReadOnlyList<string> Campaigns = ["product-news", "webinar-invite", "tips-and-tricks", "release-notes"];

    /// <summary>Live rounds between the steps of a live episode, so an episode unfolds over a few dozen steps.</summary>
    public static int LiveStep(GeneratorOptions options) => Math.Max(1, options.LiveEpisodeRounds / 40);

    public static int LiveStep(AccountContext a) => LiveStep(a.Options);

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /// <summary>An account that was live before the history starts: go-live and first value on day 0 (B2B).</summary>
    public static void EstablishedCustomer(AccountContext a)
    {
        if (!a.Profile.IsB2B) return;
        GoLive(a);
    }

    /// <summary>
    /// The lifecycle events sent by the pipelines that send any (<see cref="Latent.LatentAccount.SendsLifecycleEvents"/>):
    /// most tech-touch and B2C pipelines never send go-live, milestones or contract events.
    /// </summary>
    public static bool SendsLifecycle(AccountContext a) => a.Latent.SendsLifecycleEvents;

    /// <summary>Go-live and first value (when the account's pipeline sends lifecycle events).</summary>
    public static void GoLive(AccountContext a)
    {
        if (!SendsLifecycle(a)) return;
        var total = OnboardingMilestones.Count;
        a.Track("Go Live Completed", a.State.ContactUser, Prop.Of("milestone", "go_live"), Prop.Of("index", (long)total), Prop.Of("total", (long)total));
        a.Track("Milestone Reached", a.State.ContactUser, Prop.Of("milestone", "first_value"));
    }

    public static void OnboardingMilestone(AccountContext a, int index)
    {
        if (!SendsLifecycle(a)) return;
        a.Track("Onboarding Milestone Completed", a.State.ContactUser,
            Prop.Of("milestone", OnboardingMilestones[index]), Prop.Of("index", (long)(index + 1)), Prop.Of("total", (long)OnboardingMilestones.Count));
    }

    public static void ContractSigned(AccountContext a)
    {
        if (SendsLifecycle(a)) a.Track("Contract Signed", a.State.ContactUser, Prop.Of("arr", a.State.Arr), Prop.Of("renewalDate", a.State.RenewalDate));
    }

    // ---- product use -----------------------------------------------------------------------------------------

    /// <summary>One live step of product use with probability <paramref name="chance"/>: a feature, a page or a session.</summary>
    public static void UseProductLive(AccountContext a, double chance)
    {
        if (!a.Random.Chance(chance)) return;
        var user = a.AnyActiveUser();
        var x = a.Random.NextDouble();
        if (!a.State.HasStartedSession || x >= 0.85)
        {
            a.Track("Session Started", user, Prop.Of("platform", Platform(a)));
            a.State.HasStartedSession = true;
        }
        else if (x < 0.6) FeatureUsed(a, user);
        else a.Track("Page Viewed", user, Prop.Of("platform", Platform(a)), Prop.Of("page", a.Random.Pick(Pages)));
    }

    public static void FeatureUsed(AccountContext a, int user)
    {
        var breadth = Math.Min(a.State.KeyFeatureBreadth, KeyFeatures.Count);
        var key = breadth > 0 && a.Random.Chance(0.65);
        var feature = key ? KeyFeatures[a.Random.Next(breadth)] : a.Random.Pick(OtherFeatures);
        a.Track("Feature Used", user, Prop.Of("feature", feature), Prop.Of("key", key), Prop.Of("count", (long)a.Random.Between(1, 40)));
    }

    private static string Platform(AccountContext a)
    {
        var x = a.Random.NextDouble();
        if (!a.Profile.IsB2B) return x < 0.6 ? "mobile" : x < 0.97 ? "web" : "api";
        return x < 0.7 ? "web" : x < 0.9 ? "mobile" : "api";
    }

    // ---- seats -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Reports seats active at <paramref name="ratio"/> of purchased (B2B only): in the backfill weekly when the number
    /// moved by 3 % of purchased (at least one seat) and at least every three weeks; live only when <paramref name="force"/>.
    /// </summary>
    public static void ReportSeats(AccountContext a, double ratio, bool force = false)
    {
        if (!a.Profile.IsB2B) return;
        var s = a.State;
        var active = ActiveSeats(s.SeatsPurchased, ratio);
        var since = a.Day - s.LastSeatsReportDay;
        var moved = Math.Abs(active - s.SeatsActive) >= Math.Max(1, (int)(s.SeatsPurchased * 0.03));
        var due = force || (!a.IsLive && (s.SeatsActive < 0 || since >= 21 || (since >= 7 && moved)));
        if (!due) return;
        s.SeatsActive = active;
        s.LastSeatsReportDay = a.Day;
        a.Track("Seats Updated", s.ContactUser, Prop.Of("purchased", (long)s.SeatsPurchased), Prop.Of("active", (long)active));
    }

    public static int ActiveSeats(int purchased, double ratio) =>
        (int)Math.Clamp(Math.Round(purchased * ratio, MidpointRounding.AwayFromZero), 1, Math.Max(1, purchased));

    // ---- billing ---------------------------------------------------------------------------------------------

    public static bool IsBillingDay(AccountContext a) => (a.Day + a.Profile.BillingOffset) % 30 == 0;

    /// <summary>Issues an invoice for a month of ARR; due net 30 (B2B) or at once (B2C) unless <paramref name="dueDate"/> says otherwise.</summary>
    public static Invoice IssueInvoice(AccountContext a, DateOnly? dueDate = null)
    {
        var s = a.State;
        var n = ++s.InvoicesIssued;
        var invoice = new Invoice
        {
            Id = $"inv-{a.Profile.Index:D6}-{n}",
            Amount = decimal.Round(s.Arr / 12m, 2),
            IssuedOn = a.Date,
            DueDate = dueDate ?? a.Date.AddDays(a.Profile.IsB2B ? 30 : 0),
        };
        s.Invoices.Add(invoice);
        a.Track("Invoice Issued", s.ContactUser, InvoiceProps(invoice));
        return invoice;
    }

    public static void PayDueInvoices(AccountContext a)
    {
        foreach (var invoice in a.State.Invoices.ToList())
            if (!invoice.Paid && invoice.PayOnDay is { } day && day <= a.Day)
                Pay(a, invoice);
    }

    public static void Pay(AccountContext a, Invoice invoice)
    {
        invoice.Paid = true;
        a.State.Invoices.Remove(invoice);
        a.Track("Payment Received", a.State.ContactUser, InvoiceProps(invoice));
    }

    public static void FailPayment(AccountContext a, Invoice invoice)
    {
        invoice.Failures++;
        a.Track("Payment Failed", a.State.ContactUser, InvoiceProps(invoice));
    }

    private static Prop[] InvoiceProps(Invoice i) =>
        [Prop.Of("invoiceId", i.Id), Prop.Of("amount", i.Amount), Prop.Of("dueDate", i.DueDate)];

    // ---- support ---------------------------------------------------------------------------------------------

    public static Ticket OpenTicket(AccountContext a, int priority, int solveAt, int? user = null)
    {
        var s = a.State;
        var ticket = new Ticket { Id = $"tkt-{a.Profile.Index:D6}-{++s.TicketsOpened}", Priority = priority, SolveAt = solveAt, OpenedLive = a.IsLive };
        s.OpenTickets.Add(ticket);
        a.Track("Ticket Opened", user ?? a.AnyActiveUser(), Prop.Of("ticketId", ticket.Id), Prop.Of("priority", "P" + priority));
        return ticket;
    }

    public static void Escalate(AccountContext a, Ticket ticket)
    {
        if (ticket.Escalated) return;
        ticket.Escalated = true;
        a.Track("Ticket Escalated", a.State.ContactUser, Prop.Of("ticketId", ticket.Id), Prop.Of("priority", "P" + ticket.Priority));
    }

    /// <summary>Solves a ticket, followed by a CSAT answer when <paramref name="csat"/> is given.</summary>
    public static void Solve(AccountContext a, Ticket ticket, int? csat)
    {
        a.State.OpenTickets.Remove(ticket);
        a.Track("Ticket Solved", a.State.ContactUser, Prop.Of("ticketId", ticket.Id), Prop.Of("priority", "P" + ticket.Priority));
        if (csat is { } score) a.Track("CSAT Submitted", a.State.ContactUser, Prop.Of("score", (long)score), Prop.Of("ticketId", ticket.Id));
    }

    /// <summary>Solves the tickets whose <see cref="Ticket.SolveAt"/> has come (day in the backfill, round live).</summary>
    public static void SolveDueTickets(AccountContext a, int csatMin, int csatMax) =>
        SolveDueTickets(a, () => a.Random.Chance(0.5) ? a.Random.Between(csatMin, csatMax) : null);

    /// <summary>Solves the tickets whose time has come; <paramref name="csat"/> draws each one's CSAT answer (null: none).</summary>
    public static void SolveDueTickets(AccountContext a, Func<int?> csat)
    {
        var now = a.IsLive ? a.Round : a.Day;
        foreach (var ticket in a.State.OpenTickets.ToList())
        {
            if (ticket.OpenedLive != a.IsLive || ticket.SolveAt > now) continue;
            Solve(a, ticket, csat());
        }
    }

    /// <summary>
    /// Everyday support live: tickets opened live are solved at their round; tickets left open by the history are
    /// solved with probability <paramref name="historySolveChance"/> per round; a P4 ticket opens with
    /// <paramref name="ticketChance"/>.
    /// </summary>
    public static void LiveSupport(AccountContext a, double ticketChance, double historySolveChance, int csatMin, int csatMax)
    {
        SolveDueTickets(a, csatMin, csatMax);
        foreach (var ticket in a.State.OpenTickets.ToList())
        {
            if (!ticket.OpenedLive && a.Random.Chance(historySolveChance))
                Solve(a, ticket, a.Random.Chance(0.5) ? a.Random.Between(csatMin, csatMax) : null);
        }
        if (a.Random.Chance(ticketChance)) OpenTicket(a, 4, a.Round + LiveStep(a) * a.Random.Between(3, 12));
    }

    public static void OutageReported(AccountContext a, string severity, int minutes) =>
        a.Track("Outage Reported", a.State.ContactUser, Prop.Of("severity", severity), Prop.Of("minutes", (long)minutes));

    // ---- voice, relationship, engagement ---------------------------------------------------------------------

    /// <summary>An NPS survey and its answer (0–10).</summary>
    public static void Nps(AccountContext a, int score, int? user = null)
    {
        var who = user ?? a.State.ContactUser;
        NpsAnswer(a, SurveySent(a, who), score, who);
    }

    /// <summary>Sends an NPS survey to <paramref name="user"/>; returns its id.</summary>
    public static string SurveySent(AccountContext a, int user)
    {
        var surveyId = $"nps-{a.Profile.Index:D6}-{a.Sequence}";
        a.Track("Survey Sent", user, Prop.Of("surveyId", surveyId), Prop.Of("type", "nps"));
        return surveyId;
    }

    public static void NpsAnswer(AccountContext a, string surveyId, int score, int user) =>
        a.Track("NPS Submitted", user, Prop.Of("score", (long)Math.Clamp(score, 0, 10)), Prop.Of("surveyId", surveyId));

    public static void Advocacy(AccountContext a)
    {
        var kinds = new[] { "reference", "review", "case_study", "referral" };
        a.Track("Advocacy Recorded", a.State.ContactUser, Prop.Of("kind", a.Random.Pick(kinds)));
    }

    public static void RoleChanged(AccountContext a, int user, string role, string change) =>
        a.Track("Contact Role Changed", user, Prop.Of("role", role), Prop.Of("change", change));

    /// <summary>Marketing e-mail engagement with probability <paramref name="chance"/>: opened, sometimes clicked.</summary>
    public static void Emails(AccountContext a, double chance)
    {
        if (!a.Random.Chance(chance)) return;
        var campaign = a.Random.Pick(Campaigns);
        var user = a.AnyActiveUser();
        a.Track("Email Opened", user, Prop.Of("campaign", campaign));
        if (a.Random.Chance(0.3)) a.Track("Email Clicked", user, Prop.Of("campaign", campaign));
    }
}
