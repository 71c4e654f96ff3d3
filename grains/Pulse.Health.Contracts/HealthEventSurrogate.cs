using Pulse.Health.Model.Events;

namespace Pulse.Health.Contracts;

/// <summary>
/// Wire form of the model's <see cref="HealthEvent"/>: the model stays free of Orleans, and Orleans serializes events
/// on the account stream through this surrogate (field ids are the wire contract: never reuse one). Each field is
/// named as its property and copied by <see cref="SurrogateMapping{TModel, TSurrogate}"/>: this list is the only one.
/// </summary>
[GenerateSerializer, Alias("pulse.HealthEvent")]
public struct HealthEventSurrogate
{
    [Id(0)] public string MessageId;
    [Id(1)] public string Name;
    [Id(2)] public EventKind Kind;
    [Id(3)] public DateTimeOffset Timestamp;
    [Id(4)] public bool Historical;
    [Id(5)] public string? UserId;
    [Id(6)] public string? Platform;
    [Id(7)] public string? Feature;
    [Id(8)] public bool IsKeyFeature;
    [Id(9)] public string? Milestone;
    [Id(10)] public int? SeatsPurchased;
    [Id(11)] public int? SeatsActive;
    [Id(12)] public string? TicketId;
    [Id(13)] public int? Priority;
    [Id(14)] public string? Severity;
    [Id(15)] public double? Minutes;
    [Id(16)] public string? SurveyId;
    [Id(17)] public string? SurveyType;
    [Id(18)] public double? Score;
    [Id(19)] public string? InvoiceId;
    [Id(20)] public double? Amount;
    [Id(21)] public DateTimeOffset? DueDate;
    [Id(22)] public double? Arr;
    [Id(23)] public DateTimeOffset? RenewalDate;
    [Id(24)] public string? Change;
    [Id(25)] public string? Outcome;
    [Id(26)] public string? Reason;
    [Id(27)] public bool? Avoidable;
    [Id(28)] public string? Campaign;
    [Id(29)] public string? Role;
    [Id(30)] public string? AdvocacyKind;
    [Id(31)] public AccountTraits? Traits;
}

[RegisterConverter]
public sealed class HealthEventSurrogateConverter : IConverter<HealthEvent, HealthEventSurrogate>
{
    public HealthEvent ConvertFromSurrogate(in HealthEventSurrogate surrogate) => SurrogateMapping<HealthEvent, HealthEventSurrogate>.FromSurrogate(surrogate);

    public HealthEventSurrogate ConvertToSurrogate(in HealthEvent value) => SurrogateMapping<HealthEvent, HealthEventSurrogate>.ToSurrogate(value);
}
