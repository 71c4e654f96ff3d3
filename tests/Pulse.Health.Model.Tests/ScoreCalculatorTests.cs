using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Scoring;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>The overall score: weighted mean renormalised over components with data, NoEvidenceScore, clamping.</summary>
public class ScoreCalculatorTests
{
    private const double N = double.NaN;

    private static double Overall(TouchTier tier, params double[] components) =>
        ScoreCalculator.Overall(components, ThePolicy.ProfileFor(tier));

    [Fact]
    public void Only_adoption_with_data_gives_the_adoption_score()
    {
        Assert.Equal(73.5, Overall(TouchTier.TechTouch, 73.5, N, N, N, N, N, N), 9);
        Assert.Equal(73.5, Overall(TouchTier.B2C, 73.5, N, N, N, N, N, N), 9);
    }

    [Fact]
    public void Weights_are_renormalised_over_the_components_with_data()
    {
        // Tech touch weights 40/15/15/10/10/5/5: adoption 80 and support 40 → (40·80 + 15·40) / 55.
        Assert.Equal((40 * 80 + 15 * 40) / 55.0, Overall(TouchTier.TechTouch, 80, 40, N, N, N, N, N), 9);
        // High touch weighs relationship 15: adoption 80, relationship 20 → (35·80 + 15·20) / 50.
        Assert.Equal((35 * 80 + 15 * 20) / 50.0, Overall(TouchTier.HighTouch, 80, N, N, N, 20, N, N), 9);
        // All seven components with data: the plain weighted mean.
        double[] all = [90, 80, 70, 60, 50, 40, 30];
        var w = ThePolicy.ProfileFor(TouchTier.TechTouch).Weights;
        var expected = all.Select((c, i) => c * w[i]).Sum() / w.Sum();
        Assert.Equal(expected, Overall(TouchTier.TechTouch, all), 9);
    }

    [Fact]
    public void A_component_with_zero_weight_in_the_tier_does_not_count_even_with_data()
    {
        // B2C weighs relationship 0.
        Assert.Equal(80, Overall(TouchTier.B2C, 80, N, N, N, 0, N, N), 9);
    }

    [Fact]
    public void No_data_at_all_gives_the_no_evidence_score()
    {
        Assert.Equal(ScoreCalculator.NoEvidenceScore, Overall(TouchTier.TechTouch, N, N, N, N, N, N, N));
        Assert.Equal(50, ScoreCalculator.NoEvidenceScore);

        var a = new Account();
        var change = a.Apply(Group(Day(0), new AccountTraits { Name = "Acme", Plan = "pro" }));
        Assert.True(change.IsNewAccount);
        Assert.Equal(ScoreCalculator.NoEvidenceScore, a.State.Score);
        Assert.Equal(Band.Yellow, a.State.Band);
        Assert.All(a.State.Components, c => Assert.True(double.IsNaN(c)));
    }

    [Theory]
    [InlineData(150, 100)]
    [InlineData(-20, 0)]
    [InlineData(100, 100)]
    [InlineData(0, 0)]
    public void The_overall_score_is_clamped_to_0_100(double component, double expected)
    {
        Assert.Equal(expected, Overall(TouchTier.TechTouch, component, N, N, N, N, N, N), 9);
        Assert.Equal(expected, Overall(TouchTier.TechTouch, component, component, N, component, N, N, N), 9);
    }

    [Fact]
    public void Contributions_of_all_components_add_up_to_the_overall_score()
    {
        double[] components = [80, 40, N, 100, N, N, N];
        var profile = ThePolicy.ProfileFor(TouchTier.TechTouch);
        var sum = Enumerable.Range(0, components.Length).Sum(i => ScoreCalculator.ContributionOf(components, i, profile));
        Assert.Equal(ScoreCalculator.Overall(components, profile), sum, 9);
        Assert.Equal(0, ScoreCalculator.ContributionOf(components, (int)ComponentKind.VoiceOfCustomer, profile));
    }

    [Fact]
    public void Shipped_weights_total_100_for_every_tier_with_adoption_dominant()
    {
        foreach (var tier in Enum.GetValues<TouchTier>())
        {
            var weights = ThePolicy.ProfileFor(tier).Weights;
            Assert.Equal(ComponentNames.Count, weights.Length);
            Assert.Equal(100, weights.Sum(), 9);
            Assert.Equal(weights.Max(), weights[(int)ComponentKind.Adoption]);
        }
    }

    [Fact]
    public void The_engine_score_is_the_renormalised_mean_of_the_components_it_holds()
    {
        var a = new Account();
        a.DailySessions(0, 20);
        Assert.Equal(a.Component(ComponentKind.Adoption), a.State.Score, 9); // only adoption has data

        a.Apply(Ticket(Day(21), "t1"));
        a.Apply(Nps(Day(21).AddHours(1), 3));
        var c = a.State.Components;
        Assert.Equal((40 * c[0] + 15 * c[1] + 15 * c[2]) / 70, a.State.Score, 9);
        Assert.True(double.IsNaN(c[(int)ComponentKind.Payment]));
        Assert.InRange(a.State.Score, 0, 100);
    }
}
