using System.Text.Json.Serialization;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Contracts;

/// <summary>
/// One account as the read API, the wall's drill-down and <c>account</c> SignalR messages show it.
/// Serialized camelCase to JSON by ASP.NET Core; the same object travels between grains and clients.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.AccountView")]
public sealed record AccountView
{
    [Id(0)] public required string AccountId { get; init; }
    [Id(1)] public string? Name { get; init; }
    /// <summary>Overall health 0–100, rounded to one decimal.</summary>
    [Id(2)] public double Score { get; init; }
    /// <summary>Red, Yellow, Green or Advocate (the model's <see cref="Model.Scoring.Band"/>, by name in JSON).</summary>
    [Id(3), JsonConverter(typeof(JsonStringEnumConverter<Band>))] public required Band Band { get; init; }
    /// <summary>Onboarding, Adopting, Established, Expanding, Advocate, Dormant, Churned or Archived.</summary>
    [Id(4)] public required string Stage { get; init; }
    [Id(5)] public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>Component name → score 0–100, or null when the component has no data yet.</summary>
    [Id(6)] public IReadOnlyDictionary<string, double?> Components { get; init; } = new Dictionary<string, double?>();
    [Id(7)] public long EventsApplied { get; init; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(9)] public double Arr { get; init; }
    [Id(10)] public string? Tier { get; init; }
    [Id(11)] public string? Plan { get; init; }
    /// <summary>The most recent score changes, newest first.</summary>
    [Id(12)] public IReadOnlyList<ExplanationView> Explanation { get; init; } = [];
    /// <summary>Alerts raised on this account, newest first.</summary>
    [Id(13)] public IReadOnlyList<AlertView> Alerts { get; init; } = [];
    [Id(14)] public string PolicyVersion { get; init; } = "";
    [Id(15)] public DateTimeOffset? LastActivityAt { get; init; }
    [Id(16)] public DateTimeOffset? StageSince { get; init; }
    /// <summary>The score the evidence gives; differs from <see cref="Score"/> only while a manual override holds.</summary>
    [Id(17)] public double ComputedScore { get; init; }
    [Id(18)] public TrendView? Trend { get; init; }
    [Id(19)] public OverrideView? Override { get; init; }
    /// <summary>Why the account is in its stage (the transition's cause).</summary>
    [Id(20)] public string? StageCause { get; init; }
    /// <summary>Days from start to first value, once reached (book L3057).</summary>
    [Id(21)] public double? TimeToValueDays { get; init; }
}

/// <summary>How the score moved over 7, 30 and 90 days (null where the account is younger) and its direction.</summary>
[GenerateSerializer, Immutable, Alias("pulse.TrendView")]
public sealed record TrendView
{
    [Id(0)] public double? Delta7 { get; init; }
    [Id(1)] public double? Delta30 { get; init; }
    [Id(2)] public double? Delta90 { get; init; }
    /// <summary>"up", "down" or "flat".</summary>
    [Id(3)] public required string Direction { get; init; }
}

/// <summary>A person's manual override of the score, with reason, author and expiry.</summary>
[GenerateSerializer, Immutable, Alias("pulse.OverrideView")]
public sealed record OverrideView
{
    [Id(0)] public double Score { get; init; }
    [Id(1)] public required string Reason { get; init; }
    [Id(2)] public required string Author { get; init; }
    [Id(3)] public DateTimeOffset SetAt { get; init; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>One entry of the explanation ledger: what moved the score, by how much, under which policy.</summary>
[GenerateSerializer, Immutable, Alias("pulse.ExplanationView")]
public sealed record ExplanationView
{
    [Id(0)] public DateTimeOffset At { get; init; }
    /// <summary>The event's messageId, or "time" when the change came from time passing (decay, inactivity).</summary>
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string EventName { get; init; }
    [Id(3)] public required string PolicyVersion { get; init; }
    [Id(4)] public double ScoreBefore { get; init; }
    [Id(5)] public double ScoreAfter { get; init; }
    [Id(6)] public double Delta { get; init; }
    [Id(7)] public IReadOnlyList<ContributionView> Contributions { get; init; } = [];
}

/// <summary>How much one component moved the overall score, and the rule that moved it.</summary>
[GenerateSerializer, Immutable, Alias("pulse.ContributionView")]
public sealed record ContributionView
{
    [Id(0)] public required string Component { get; init; }
    /// <summary>Change of the component's own score (0–100 scale); null when the component gained or lost its data.</summary>
    [Id(1)] public double? ComponentDelta { get; init; }
    /// <summary>Change this component caused in the overall score (points).</summary>
    [Id(2)] public double ScoreDelta { get; init; }
    [Id(3)] public required string Rule { get; init; }
}
