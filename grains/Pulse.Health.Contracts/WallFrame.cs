using System.Text.Json.Serialization;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Contracts;

/// <summary>
/// The cluster-wide aggregate the wall shows; sent as the SignalR <c>frame</c> message and by <c>GET /api/wall</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.WallFrame")]
public sealed record WallFrame
{
    /// <summary>Increases with every change to the aggregate; clients can ignore a frame they already have.</summary>
    [Id(0)] public long Version { get; init; }
    [Id(1)] public DateTimeOffset At { get; init; }
    /// <summary>Always four entries, one per <see cref="Band"/>, in order Red, Yellow, Green, Advocate.</summary>
    [Id(2)] public IReadOnlyList<BandStat> Bands { get; init; } = [];
    /// <summary>One entry per lifecycle stage, in lifecycle order.</summary>
    [Id(3)] public IReadOnlyList<StageStat> Stages { get; init; } = [];
    /// <summary>20 buckets of 5 points: [0,5), [5,10) … [95,100].</summary>
    [Id(4)] public IReadOnlyList<long> ScoreHistogram { get; init; } = [];
    /// <summary>Largest recent score moves, largest |delta| first.</summary>
    [Id(5)] public IReadOnlyList<MoverView> Movers { get; init; } = [];
    /// <summary>Most recent alerts, newest first.</summary>
    [Id(6)] public IReadOnlyList<AlertView> Alerts { get; init; } = [];
    [Id(7)] public required WallTotals Totals { get; init; }
}

/// <summary>
/// One band's accounts and ARR, and the score from which the band starts under the policy in force (the wall draws its
/// band edges from it instead of keeping its own copy).
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.BandStat")]
public sealed record BandStat(
    [property: Id(0), JsonConverter(typeof(JsonStringEnumConverter<Band>))] Band Band,
    [property: Id(1)] long Count,
    [property: Id(2)] double Arr,
    [property: Id(3)] double From);

[GenerateSerializer, Immutable, Alias("pulse.StageStat")]
public sealed record StageStat([property: Id(0)] string Stage, [property: Id(1)] long Count, [property: Id(2)] double Arr);

/// <summary>An account whose score moved noticeably.</summary>
[GenerateSerializer, Immutable, Alias("pulse.MoverView")]
public sealed record MoverView
{
    [Id(0)] public required string AccountId { get; init; }
    [Id(1)] public double From { get; init; }
    [Id(2)] public double To { get; init; }
    [Id(3)] public double Delta { get; init; }
    [Id(4), JsonConverter(typeof(JsonStringEnumConverter<Band>))] public required Band Band { get; init; }
    [Id(5)] public DateTimeOffset At { get; init; }
    /// <summary>The component that moved the score most, e.g. "support".</summary>
    [Id(6)] public string? Cause { get; init; }
}

[GenerateSerializer, Immutable, Alias("pulse.WallTotals")]
public sealed record WallTotals
{
    [Id(0)] public long Accounts { get; init; }
    [Id(1)] public long EventsApplied { get; init; }
    /// <summary>Events applied per second over the last few seconds, cluster-wide.</summary>
    [Id(2)] public double EventsPerSecond { get; init; }
    [Id(3)] public double AverageScore { get; init; }
    [Id(4)] public double Arr { get; init; }
    /// <summary>Accounts flagged AtRisk.</summary>
    [Id(5)] public long AtRisk { get; init; }
    [Id(6)] public long AlertsRaised { get; init; }
}
