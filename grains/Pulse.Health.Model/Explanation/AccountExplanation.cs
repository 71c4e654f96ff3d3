using Pulse.Health.Model.Components;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Explanation;

/// <summary>Where one component stands now and what it costs the overall score.</summary>
/// <param name="Score">The component's score 0–100, or null when it has no data.</param>
/// <param name="WeightShare">Its share of the weight among the components with data (0–1).</param>
/// <param name="PointsBelowFull">
/// Points of the overall score this component holds back: share × (100 − score). They add up to 100 − computed score,
/// so "why not 100?" is answered exactly.
/// </param>
public sealed record ComponentStanding(ComponentKind Component, double? Score, double WeightShare, double PointsBelowFull, string Rule, string Reading);

/// <summary>"Why is this account &lt;band&gt;?" answered from the model and its ledger (docs/health-model.md, "Explanations").</summary>
public sealed record AccountExplanation(
    string AccountId,
    double Score,
    double ComputedScore,
    Band Band,
    string PolicyVersion,
    DateTimeOffset At,
    ScoreOverride? Override,
    Trend Trend,
    IReadOnlyList<string> RiskReasons,
    /// <summary>Components, the ones holding the score down most first.</summary>
    IReadOnlyList<ComponentStanding> Components,
    /// <summary>Recent score changes from the ledger, the largest moves first.</summary>
    IReadOnlyList<ExplanationEntry> LargestChanges,
    string Summary,
    /// <summary>The cap holding the score down (a severe condition), or null; the components alone give <see cref="UncappedScore"/>.</summary>
    string? Cap,
    double UncappedScore,
    /// <summary>What the trend added to or took from the level (<see cref="Scoring.TrendAdjustment"/>).</summary>
    double TrendPoints,
    /// <summary>Where the band would change, and whether hysteresis is what holds it now.</summary>
    BandHold BandHold);
