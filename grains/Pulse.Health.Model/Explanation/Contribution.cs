using Pulse.Health.Model.Components;

namespace Pulse.Health.Model.Explanation;

/// <summary>How one component moved the overall score, and the rule that set the component's value.</summary>
/// <param name="ComponentDelta">Change of the component's own 0–100 score (NaN when it gained or lost its data).</param>
/// <param name="ScoreDelta">Points of the overall score this component's change caused.</param>
public readonly record struct Contribution(ComponentKind Component, double ComponentDelta, double ScoreDelta, string Rule);
