using Pulse.Health.Model.Components;

namespace Pulse.Health.Model.Explanation;

/// <summary>How one component moved the overall score, and the rule (with its evidence) that set the component's value.</summary>
/// <param name="ComponentDelta">Change of the component's own 0–100 score (NaN when it gained or lost its data).</param>
/// <param name="ScoreDelta">Points of the overall score this component's change caused.</param>
/// <param name="Evidence">The component's result after the change: rule id and the numbers it read (no data: lost its data).</param>
public readonly record struct Contribution(ComponentKind Component, double ComponentDelta, double ScoreDelta, ComponentResult Evidence)
{
    /// <summary>
    /// The rule and its evidence as text ("support.tickets-in-7-days-warn (3 vs 3)"). Rendered on demand: the ledger
    /// keeps the rule id and numbers, so writing an entry on the per-event path formats no string.
    /// </summary>
    public string Rule => Evidence.HasData ? Evidence.Describe() : "no data any more";
}
