using Pulse.Health.Model.Scoring;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Bands: Red &lt; 50, Yellow 50–69, Green 70–84, Advocate ≥ 85, with ±3 points of hysteresis.</summary>
public class BandClassifierTests
{
    [Theory]
    [InlineData(0, Band.Red)]
    [InlineData(49.9, Band.Red)]
    [InlineData(50, Band.Yellow)]
    [InlineData(69.9, Band.Yellow)]
    [InlineData(70, Band.Green)]
    [InlineData(84.9, Band.Green)]
    [InlineData(85, Band.Advocate)]
    [InlineData(100, Band.Advocate)]
    public void Raw_cut_offs(double score, Band expected)
    {
        Assert.Equal(expected, BandClassifier.Raw(score, ThePolicy));
        Assert.Equal(expected, BandClassifier.Classify(score, null, ThePolicy)); // a new account uses the plain cut-offs
    }

    [Theory]
    // Green holds down to 67 (70 - 3) and up to just below 88 (85 + 3).
    [InlineData(Band.Green, 68, Band.Green)]
    [InlineData(Band.Green, 67, Band.Green)]
    [InlineData(Band.Green, 66.9, Band.Yellow)]
    [InlineData(Band.Green, 60, Band.Yellow)]
    [InlineData(Band.Green, 45, Band.Red)]
    [InlineData(Band.Green, 87.9, Band.Green)]
    [InlineData(Band.Green, 88, Band.Advocate)]
    // Yellow holds from 47 to just below 73.
    [InlineData(Band.Yellow, 71, Band.Yellow)]
    [InlineData(Band.Yellow, 72.9, Band.Yellow)]
    [InlineData(Band.Yellow, 73, Band.Green)]
    [InlineData(Band.Yellow, 47, Band.Yellow)]
    [InlineData(Band.Yellow, 46.9, Band.Red)]
    [InlineData(Band.Yellow, 90, Band.Advocate)]
    // Red must reach 53 to become Yellow.
    [InlineData(Band.Red, 52.9, Band.Red)]
    [InlineData(Band.Red, 53, Band.Yellow)]
    [InlineData(Band.Red, 75, Band.Green)]
    // Advocate holds down to 82.
    [InlineData(Band.Advocate, 82, Band.Advocate)]
    [InlineData(Band.Advocate, 81.9, Band.Green)]
    [InlineData(Band.Advocate, 40, Band.Red)]
    public void Hysteresis_keeps_the_current_band_within_3_points(Band current, double score, Band expected)
    {
        Assert.Equal(3, ThePolicy.BandHysteresis);
        Assert.Equal(expected, BandClassifier.Classify(score, current, ThePolicy));
    }

    [Theory]
    [InlineData(68, Band.Yellow)]
    [InlineData(71, Band.Green)]
    [InlineData(49, Band.Red)]
    [InlineData(86, Band.Advocate)]
    public void A_new_account_uses_the_raw_cut_offs(double score, Band expected) =>
        Assert.Equal(expected, BandClassifier.Classify(score, null, ThePolicy));

    [Fact]
    public void A_score_wobbling_on_an_edge_does_not_flip_the_band()
    {
        Band? band = null;
        var flips = 0;
        foreach (var score in new[] { 71, 69, 70.5, 68, 69.5, 71, 67.5 })
        {
            var next = BandClassifier.Classify(score, band, ThePolicy);
            if (band is not null && next != band) flips++;
            band = next;
        }
        Assert.Equal(Band.Green, band);
        Assert.Equal(0, flips);
    }

    [Fact]
    public void The_engine_applies_hysteresis_to_the_accounts_current_band()
    {
        // Voice only: a passive NPS (70) decays towards 60 by 10/180 points a day (the trend off, to see the level alone).
        var a = new Account { Policy = LevelOnly };
        a.Apply(Nps(Day(0), 8));
        Assert.Equal(70, a.State.Score, 6);
        Assert.Equal(Band.Green, a.State.Band);

        var change = a.Evaluate(36); // 68: raw Yellow, but within 3 points of Green
        Assert.Equal(68, a.State.Score, 6);
        Assert.Equal(Band.Green, a.State.Band);
        Assert.False(change.BandChanged);

        change = a.Evaluate(60); // 66.7: more than 3 points below 70
        Assert.Equal(Band.Yellow, a.State.Band);
        Assert.True(change.BandChanged);
        Assert.Equal(Band.Green, change.BandBefore);
        Assert.Equal(Day(60), a.State.BandSince);
    }

    [Fact]
    public void Explain_says_when_hysteresis_holds_the_band_and_where_it_would_change()
    {
        var a = new Account { Policy = LevelOnly };
        a.Apply(Nps(Day(0), 8));
        a.Evaluate(36); // 68: raw Yellow, held Green
        var why = Explanation.HealthExplainer.Explain(a.State, LevelOnly);
        Assert.Equal(Band.Green, why.Band);
        Assert.True(why.BandHold.HeldByHysteresis);
        Assert.Equal(67, why.BandHold.FallsBelow!.Value, 6);
        Assert.Equal(88, why.BandHold.RisesAt!.Value, 6);
        Assert.Contains("Hysteresis holds it Green: 68 alone is Yellow", why.Summary);
        Assert.Contains("it turns Yellow below 67", why.Summary);

        a.Evaluate(1); // the clock does not run back; still 68
        var fresh = new Account { Policy = LevelOnly };
        fresh.Apply(Nps(Day(0), 8));
        var plain = Explanation.HealthExplainer.Explain(fresh.State, LevelOnly);
        Assert.False(plain.BandHold.HeldByHysteresis);
        Assert.DoesNotContain("Hysteresis", plain.Summary);
    }
}
