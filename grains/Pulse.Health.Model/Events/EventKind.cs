namespace Pulse.Health.Model.Events;

/// <summary>The well-known events of docs/architecture.md §3.4 ("Object Action" names). Anything else is <see cref="Other"/>.</summary>
public enum EventKind : byte
{
    /// <summary>An event name the model does not know: kept and counted as generic product activity (docs/architecture.md §3.4).</summary>
    Other = 0,
    SessionStarted,
    PageViewed,
    FeatureUsed,
    MilestoneReached,
    SeatsUpdated,
    TicketOpened,
    TicketEscalated,
    TicketSolved,
    OutageReported,
    SurveySent,
    NpsSubmitted,
    CsatSubmitted,
    InvoiceIssued,
    PaymentReceived,
    PaymentFailed,
    ContractSigned,
    ContractChanged,
    RenewalClosed,
    SubscriptionCancelled,
    EmailOpened,
    EmailClicked,
    EmailBounced,
    EmailUnsubscribed,
    ContactRoleChanged,
    OnboardingMilestoneCompleted,
    GoLiveCompleted,
    AdvocacyRecorded,
    /// <summary>A Segment <c>group</c> or <c>identify</c> call: carries account traits, not behaviour.</summary>
    Traits,
    /// <summary>Customer effort score 1–7 (7 = least effort), the third survey of laws L1189.</summary>
    CesSubmitted,
    /// <summary>Webinar attendance: an engagement signal for tech-touch programmes (book L2709–2715).</summary>
    WebinarAttended,
    /// <summary>Asking, answering or voting in the customer community (laws L831–833).</summary>
    CommunityPostCreated,
}
