using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest.Tests;

public class ChurnMetricsTests
{
    private static ScoredOutcome O(double risk, bool churned) => new(risk, churned);
    private static LabelledAccount L(double score, Band band, bool atRisk, bool churned) => new(score, band, atRisk, churned);

    [Fact]
    public void Hand_computed_auc_with_ties()
    {
        // Churners at risk 0.9, 0.5, 0.5; stayers at 0.5, 0.2, 0.1. Of the 9 churner/stayer pairs the 0.9 churner
        // wins 3, each 0.5 churner wins 2 and ties 1 (worth ½): AUC = (3 + 2.5 + 2.5) / 9 = 8/9.
        var outcomes = new[] { O(0.9, true), O(0.5, true), O(0.5, true), O(0.5, false), O(0.2, false), O(0.1, false) };
        Assert.Equal(8.0 / 9, ChurnMetrics.Auc(outcomes)!.Value, 12);
    }

    [Fact]
    public void Input_order_does_not_change_the_auc()
    {
        var outcomes = new[] { O(0.5, false), O(0.1, false), O(0.5, true), O(0.9, true), O(0.2, false), O(0.5, true) };
        Assert.Equal(8.0 / 9, ChurnMetrics.Auc(outcomes)!.Value, 12);
    }

    [Fact]
    public void All_risks_equal_is_a_coin_toss()
    {
        Assert.Equal(0.5, ChurnMetrics.Auc([O(1, true), O(1, false), O(1, false), O(1, true)])!.Value, 12);
    }

    [Fact]
    public void Perfect_and_inverted_rankings()
    {
        Assert.Equal(1.0, ChurnMetrics.Auc([O(3, true), O(2, true), O(1, false)])!.Value, 12);
        Assert.Equal(0.0, ChurnMetrics.Auc([O(1, true), O(2, false), O(3, false)])!.Value, 12);
    }

    /// <summary>Ten accounts, four churners (1, 3, 4, 10): every figure below is worked out by hand in the comments.</summary>
    private static readonly LabelledAccount[] Book =
    [
        L(10, Band.Red, true, true),        // 1
        L(20, Band.Red, true, false),       // 2
        L(30, Band.Red, false, true),       // 3
        L(45, Band.Yellow, true, true),     // 4
        L(55, Band.Yellow, false, false),   // 5
        L(60, Band.Yellow, false, false),   // 6
        L(75, Band.Green, false, false),    // 7
        L(80, Band.Green, true, false),     // 8
        L(90, Band.Advocate, false, false), // 9
        L(95, Band.Advocate, false, true),  // 10
    ];

    [Fact]
    public void Red_red_or_yellow_and_at_risk_flags_by_hand()
    {
        var p = ChurnMetrics.Compute(Book);
        Assert.Equal((10, 4), (p.Accounts, p.Churned));
        Assert.Equal(0.4, p.BaseRate!.Value, 12);
        // Red = 1, 2, 3: churners 1 and 3 → precision 2/3, recall 2/4.
        Assert.Equal(new FlagScore(3, 2, 1, 2, 5, 2.0 / 3, 0.5), p.Red);
        // Red or Yellow = 1–6: churners 1, 3, 4 → precision 3/6, recall 3/4.
        Assert.Equal(new FlagScore(6, 3, 3, 1, 3, 0.5, 0.75), p.RedOrYellow);
        // AtRisk = 1, 2, 4, 8: churners 1 and 4 → precision 2/4, recall 2/4.
        Assert.Equal(new FlagScore(4, 2, 2, 2, 4, 0.5, 0.5), p.AtRisk);
        // Risk = 100 − score. Churners 90, 70, 55, 5 against stayers 80, 45, 40, 25, 20, 10: the first wins 6 pairs,
        // the next two 5 each, the last none → 16 / 24.
        Assert.Equal(16.0 / 24, p.Auc!.Value, 12);
    }

    [Fact]
    public void Churn_per_band_deciles_and_lift_by_hand()
    {
        var p = ChurnMetrics.Compute(Book);
        Assert.Equal(
            [new GroupChurn("Red", 3, 2, 2.0 / 3), new GroupChurn("Yellow", 3, 1, 1.0 / 3), new GroupChurn("Green", 2, 0, 0), new GroupChurn("Advocate", 2, 1, 0.5)],
            p.Bands);
        // Ten accounts: one per decile, riskiest (score 10, churned) first, safest (score 95, churned) last.
        Assert.Equal(10, p.Deciles.Count);
        Assert.Equal([1.0, 0, 1, 1, 0, 0, 0, 0, 0, 1], p.Deciles.Select(d => d.Rate!.Value));
        Assert.Equal((90.0, 90.0), (p.Deciles[0].HighestRisk, p.Deciles[0].LowestRisk));
        // Lift: 1.0 in the riskiest tenth over a base rate of 0.4.
        Assert.Equal(2.5, p.LiftTop10!.Value, 12);
    }

    [Fact]
    public void Ties_straddling_a_decile_edge_share_their_churners_pro_rata()
    {
        // 20 accounts: 4 tied at risk 9 (2 churned), 16 tied at risk 1 (2 churned). Deciles hold 2 accounts each.
        // Deciles 1–2 cut the first run in half: 1 expected churner each (rate 0.5). Deciles 3–10 share the second run:
        // 2 × 2/16 = 0.25 each (rate 0.125). Base rate 4/20 = 0.2, so lift = 0.5 / 0.2 = 2.5.
        var outcomes = Enumerable.Range(0, 4).Select(i => O(9, i < 2)).Concat(Enumerable.Range(0, 16).Select(i => O(1, i < 2))).ToList();
        var deciles = ChurnMetrics.RiskDeciles(outcomes);
        Assert.Equal([0.5, 0.5, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125], deciles.Select(d => d.Rate!.Value));
        Assert.Equal(4.0, deciles.Sum(d => d.Churned), 12);
        // In any input order.
        var shuffled = outcomes.OrderBy(o => o.Churned).ThenBy(o => o.Risk).ToList();
        Assert.Equal(deciles, ChurnMetrics.RiskDeciles(shuffled));
        var p = ChurnMetrics.Compute(outcomes.Select(o => L(100 - o.Risk, Band.Yellow, false, o.Churned)).ToList());
        Assert.Equal(2.5, p.LiftTop10!.Value, 12);
    }

    [Fact]
    public void A_book_on_one_score_has_no_lift()
    {
        var p = ChurnMetrics.Compute(Enumerable.Range(0, 10).Select(i => L(69, Band.Yellow, true, i < 3)).ToList());
        Assert.All(p.Deciles, d => Assert.Equal(0.3, d.Rate!.Value, 12));
        Assert.Equal(1.0, p.LiftTop10!.Value, 12);
        Assert.Equal(0.5, p.Auc!.Value, 12);
    }

    [Fact]
    public void Decile_sizes_follow_rounded_edges_when_the_book_does_not_divide_by_ten()
    {
        // 15 accounts: edges at round(1.5 k) = 0, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15.
        var deciles = ChurnMetrics.RiskDeciles(Enumerable.Range(0, 15).Select(i => O(i, false)).ToList());
        Assert.Equal([2, 1, 2, 1, 2, 1, 2, 1, 2, 1], deciles.Select(d => d.Accounts));
    }

    [Fact]
    public void Undefined_metrics_are_null_not_zero()
    {
        // Nobody churned: recall, AUC and lift have no denominator. Nobody flagged: precision has none. Under ten accounts: no deciles.
        var p = ChurnMetrics.Compute([L(30, Band.Green, false, false), L(70, Band.Green, false, false)]);
        Assert.Null(p.Red.Recall);
        Assert.Null(p.Red.Precision);
        Assert.Null(p.Auc);
        Assert.Null(p.LiftTop10);
        Assert.Empty(p.Deciles);
        Assert.Equal(2, p.Red.TrueNegatives);
        Assert.Null(p.Bands.Single(b => b.Group == "Red").Rate);
    }
}
