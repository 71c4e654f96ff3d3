using System.Text.Json.Serialization;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Contracts;

/// <summary>An alert (risk or opportunity) raised on an account, as the wall's alert feed shows it.</summary>
[GenerateSerializer, Immutable, Alias("pulse.AlertView")]
public sealed record AlertView
{
    [Id(0)] public required string AccountId { get; init; }
    /// <summary>Stable rule id, e.g. "usage-drop", "support-surge", "upsell-seats".</summary>
    [Id(1)] public required string Rule { get; init; }
    /// <summary>"risk" or "opportunity".</summary>
    [Id(2)] public required string Kind { get; init; }
    /// <summary>A sentence a person reads.</summary>
    [Id(3)] public required string Message { get; init; }
    [Id(4)] public DateTimeOffset At { get; init; }
    /// <summary>The account's band when the alert fired (by name in JSON); null before its first score.</summary>
    [Id(5), JsonConverter(typeof(JsonStringEnumConverter<Band>))] public Band? Band { get; init; }
    [Id(6)] public double Score { get; init; }
}
