using System.Text.Json.Serialization;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Contracts;

/// <summary>
/// "Why is this account &lt;band&gt;?" (GET /api/accounts/{id}/explain): a summary a person reads, and the components
/// and ledger entries behind it for a program to parse.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.AccountExplanationView")]
public sealed record AccountExplanationView
{
    [Id(0)] public required string AccountId { get; init; }
    [Id(1)] public double Score { get; init; }
    [Id(2)] public double ComputedScore { get; init; }
    [Id(3), JsonConverter(typeof(JsonStringEnumConverter<Band>))] public required Band Band { get; init; }
    [Id(4)] public required string PolicyVersion { get; init; }
    [Id(5)] public DateTimeOffset At { get; init; }
    /// <summary>Plain-language answer: what holds the score down, how it moved, the largest recent moves.</summary>
    [Id(6)] public required string Summary { get; init; }
    [Id(7)] public OverrideView? Override { get; init; }
    [Id(8)] public TrendView? Trend { get; init; }
    [Id(9)] public IReadOnlyList<string> RiskReasons { get; init; } = [];
    /// <summary>Components, the one holding the score down most first. Their points add up to 100 − uncappedScore.</summary>
    [Id(10)] public IReadOnlyList<ComponentStandingView> Components { get; init; } = [];
    /// <summary>Ledger entries, the largest moves first: event id, policy version, delta and per-component rules.</summary>
    [Id(11)] public IReadOnlyList<ExplanationView> LargestChanges { get; init; } = [];
    /// <summary>The cap holding the score down (e.g. "payment-severely-overdue"), or null.</summary>
    [Id(12)] public string? Cap { get; init; }
    /// <summary>The weighted mean of the components, before any cap: the components' points add up to 100 − this.</summary>
    [Id(13)] public double UncappedScore { get; init; }
    /// <summary>Points the trend adds to (or takes from) the evidence's level: how far it moved over 30 days, weighted.</summary>
    [Id(14)] public double TrendPoints { get; init; }
    /// <summary>True when hysteresis holds the band although the score alone is in the next band.</summary>
    [Id(15)] public bool BandHeldByHysteresis { get; init; }
    /// <summary>The band falls when the score drops below this (null: no band below).</summary>
    [Id(16)] public double? BandFallsBelow { get; init; }
    /// <summary>The band rises when the score reaches this (null: no band above).</summary>
    [Id(17)] public double? BandRisesAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("pulse.ComponentStandingView")]
public sealed record ComponentStandingView
{
    [Id(0)] public required string Component { get; init; }
    /// <summary>0–100, or null when the component has no data.</summary>
    [Id(1)] public double? Score { get; init; }
    /// <summary>Share of the weight among components with data (0–1).</summary>
    [Id(2)] public double WeightShare { get; init; }
    /// <summary>Points of the overall score this component holds back.</summary>
    [Id(3)] public double PointsBelowFull { get; init; }
    /// <summary>Stable rule id that set the component's value, e.g. "usage.active-days-vs-own-baseline".</summary>
    [Id(4)] public required string Rule { get; init; }
    /// <summary>The rule's evidence in words, e.g. "3 active days per 30 vs its own baseline of 11".</summary>
    [Id(5)] public required string Reading { get; init; }
}
