using Pulse.Health.Model.Components;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Scoring;

/// <summary>Computes every component and the weighted overall score (weights renormalised over components with data).</summary>
public static class ScoreCalculator
{
    /// <summary>The score of an account the model has no evidence about yet: neither healthy nor unhealthy (design).</summary>
    public const double NoEvidenceScore = 50;

    /// <param name="parts">Receives the sub-scores of the averaging components (<see cref="SubScores"/>).</param>
    public static void ScoreComponents(AccountHealth s, DateTimeOffset now, HealthPolicy policy, Span<ComponentResult> results, Span<float> parts)
    {
        var today = DayNumber.Of(now);
        var profile = policy.ProfileFor(s.Tier);
        results[(int)ComponentKind.Adoption] = AdoptionScorer.Score(s, today, policy, profile, parts);
        results[(int)ComponentKind.Support] = SupportScorer.Score(s, today, policy, profile);
        results[(int)ComponentKind.VoiceOfCustomer] = VoiceScorer.Score(s, now, policy, parts);
        results[(int)ComponentKind.Payment] = PaymentScorer.Score(s, now, today, policy);
        results[(int)ComponentKind.Relationship] = RelationshipScorer.Score(s, now, policy);
        results[(int)ComponentKind.Engagement] = EngagementScorer.Score(s, today, policy);
        results[(int)ComponentKind.Growth] = GrowthScorer.Score(s, now, policy);
    }

    public static double Overall(ReadOnlySpan<double> components, TierProfile profile) => Overall(components, profile.Weights);

    public static double Overall(ReadOnlySpan<double> components, ReadOnlySpan<double> weights)
    {
        double sum = 0, weight = 0;
        for (var i = 0; i < components.Length; i++)
        {
            var w = weights[i];
            if (w <= 0 || double.IsNaN(components[i])) continue;
            sum += w * components[i];
            weight += w;
        }
        return weight == 0 ? NoEvidenceScore : Math.Clamp(sum / weight, 0, 100);
    }

    /// <summary>The total weight of the components that have data (the denominator of the overall score).</summary>
    public static double WeightWithData(ReadOnlySpan<double> components, TierProfile profile)
    {
        double weight = 0;
        for (var i = 0; i < components.Length; i++)
            if (profile.Weights[i] > 0 && !double.IsNaN(components[i])) weight += profile.Weights[i];
        return weight;
    }

    /// <summary>The share of the overall score that component <paramref name="index"/> contributes (points).</summary>
    public static double ContributionOf(ReadOnlySpan<double> components, int index, TierProfile profile)
    {
        var weight = WeightWithData(components, profile);
        if (weight == 0 || double.IsNaN(components[index]) || profile.Weights[index] <= 0) return 0;
        return profile.Weights[index] * components[index] / weight;
    }
}
