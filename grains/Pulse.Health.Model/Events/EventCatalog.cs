using System.Collections.Frozen;

namespace Pulse.Health.Model.Events;

/// <summary>Maps Segment event names to <see cref="EventKind"/> and knows which property each event requires.</summary>
public static class EventCatalog
{
    private static readonly FrozenDictionary<string, EventKind> ByName = new Dictionary<string, EventKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["Session Started"] = EventKind.SessionStarted,
        ["Page Viewed"] = EventKind.PageViewed,
        ["Feature Used"] = EventKind.FeatureUsed,
        ["Milestone Reached"] = EventKind.MilestoneReached,
        ["Seats Updated"] = EventKind.SeatsUpdated,
        ["Ticket Opened"] = EventKind.TicketOpened,
        ["Ticket Escalated"] = EventKind.TicketEscalated,
        ["Ticket Solved"] = EventKind.TicketSolved,
        ["Outage Reported"] = EventKind.OutageReported,
        ["Survey Sent"] = EventKind.SurveySent,
        ["NPS Submitted"] = EventKind.NpsSubmitted,
        ["CSAT Submitted"] = EventKind.CsatSubmitted,
        ["Invoice Issued"] = EventKind.InvoiceIssued,
        ["Payment Received"] = EventKind.PaymentReceived,
        ["Payment Failed"] = EventKind.PaymentFailed,
        ["Contract Signed"] = EventKind.ContractSigned,
        ["Contract Changed"] = EventKind.ContractChanged,
        ["Renewal Closed"] = EventKind.RenewalClosed,
        ["Subscription Cancelled"] = EventKind.SubscriptionCancelled,
        ["Email Opened"] = EventKind.EmailOpened,
        ["Email Clicked"] = EventKind.EmailClicked,
        ["Email Bounced"] = EventKind.EmailBounced,
        ["Email Unsubscribed"] = EventKind.EmailUnsubscribed,
        ["Contact Role Changed"] = EventKind.ContactRoleChanged,
        ["Onboarding Milestone Completed"] = EventKind.OnboardingMilestoneCompleted,
        ["Go Live Completed"] = EventKind.GoLiveCompleted,
        ["Advocacy Recorded"] = EventKind.AdvocacyRecorded,
        ["CES Submitted"] = EventKind.CesSubmitted,
        ["Webinar Attended"] = EventKind.WebinarAttended,
        ["Community Post Created"] = EventKind.CommunityPostCreated,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static EventKind KindOf(string eventName) =>
        ByName.TryGetValue(eventName, out var kind) ? kind : EventKind.Other;

    /// <summary>
    /// The catalogue's own instance of a well-known event name (its canonical spelling), or the name as given. Every
    /// account's ledger names events; sharing one string per known name keeps a million ledgers from holding millions
    /// of copies of "Feature Used".
    /// </summary>
    public static string CanonicalName(string eventName) => Canonical.TryGetValue(eventName, out var name) ? name : eventName;

    private static readonly FrozenDictionary<string, string> Canonical =
        ByName.Keys.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True for events that show someone using the product. Unknown events count as generic activity (docs/architecture.md §3.4);
    /// billing, support, survey and e-mail events do not, or a dunning run would look like engagement.
    /// </summary>
    public static bool IsProductActivity(EventKind kind) => kind is EventKind.Other or EventKind.SessionStarted
        or EventKind.PageViewed or EventKind.FeatureUsed or EventKind.MilestoneReached
        or EventKind.OnboardingMilestoneCompleted or EventKind.GoLiveCompleted;

    /// <summary>The property docs/architecture.md §3.4 marks as required for this event, or null when none is.</summary>
    public static string? RequiredProperty(EventKind kind) => kind switch
    {
        EventKind.FeatureUsed => "feature",
        EventKind.TicketOpened or EventKind.TicketEscalated or EventKind.TicketSolved => "ticketId",
        EventKind.NpsSubmitted or EventKind.CsatSubmitted or EventKind.CesSubmitted => "score",
        EventKind.InvoiceIssued or EventKind.PaymentReceived or EventKind.PaymentFailed => "invoiceId",
        _ => null,
    };
}
