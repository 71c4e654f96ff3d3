namespace Pulse.Health.Model.Events;

/// <summary>
/// One customer event as the model reads it: the Segment envelope plus the typed properties of docs/architecture.md §3.4.
/// Every property is optional except where <see cref="EventCatalog.RequiredProperty"/> says otherwise.
/// </summary>
public sealed record HealthEvent
{
    /// <summary>Segment <c>messageId</c>: the de-duplication key.</summary>
    public required string MessageId { get; init; }
    /// <summary>The event name as sent ("Feature Used"); "group"/"identify" for trait calls.</summary>
    public required string Name { get; init; }
    public EventKind Kind { get; init; }
    /// <summary>Event time (Segment <c>timestamp</c>, corrected for client clock skew at ingest).</summary>
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>Replays and backfills: update state and the ledger, fire no live alerts.</summary>
    public bool Historical { get; init; }
    public string? UserId { get; init; }

    // Product usage
    public string? Platform { get; init; }
    public string? Feature { get; init; }
    public bool IsKeyFeature { get; init; }
    public string? Milestone { get; init; }
    public int? SeatsPurchased { get; init; }
    public int? SeatsActive { get; init; }

    // Support
    public string? TicketId { get; init; }
    /// <summary>1 (P1, most urgent) to 4.</summary>
    public int? Priority { get; init; }
    public string? Severity { get; init; }
    public double? Minutes { get; init; }

    // Voice of customer
    public string? SurveyId { get; init; }
    public string? SurveyType { get; init; }
    public double? Score { get; init; }

    // Billing and contract
    public string? InvoiceId { get; init; }
    public double? Amount { get; init; }
    public DateTimeOffset? DueDate { get; init; }
    public double? Arr { get; init; }
    public DateTimeOffset? RenewalDate { get; init; }
    /// <summary>upgrade / downgrade (Contract Changed), assigned / departed / unreachable (Contact Role Changed).</summary>
    public string? Change { get; init; }
    public string? Outcome { get; init; }
    public string? Reason { get; init; }
    public bool? Avoidable { get; init; }

    // Engagement, relationship, advocacy
    public string? Campaign { get; init; }
    public string? Role { get; init; }
    public string? AdvocacyKind { get; init; }

    /// <summary>Traits carried by group/identify calls (and by nothing else).</summary>
    public AccountTraits? Traits { get; init; }
}
