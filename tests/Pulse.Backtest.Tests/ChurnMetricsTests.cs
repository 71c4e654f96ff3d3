namespace Pulse.Backtest.Tests;

public class ChurnMetricsTests
{
    private static ScoredOutcome O(double risk, bool flagged, bool churned) => new(risk, flagged, churned);

    [Fact]
    public void Hand_computed_case_with_ties()
    {
        // Churners at risk 0.9, 0.5, 0.5; stayers at 0.5, 0.2, 0.1. Of the 9 churner/stayer pairs the 0.9 churner
        // wins 3, each 0.5 churner wins 2 and ties 1 (worth ½): AUC = (3 + 2.5 + 2.5) / 9 = 8/9.
        // Flagged (red): 0.9 and one 0.5 churner, and the 0.5 stayer: TP 2, FP 1, FN 1, TN 2.
        var outcomes = new[]
        {
            O(0.9, true, true), O(0.5, true, true), O(0.5, false, true),
            O(0.5, true, false), O(0.2, false, false), O(0.1, false, false),
        };
        var p = ChurnMetrics.Compute(outcomes);
        Assert.Equal((2, 1, 1, 2), (p.TruePositives, p.FalsePositives, p.FalseNegatives, p.TrueNegatives));
        Assert.Equal(2.0 / 3, p.Precision!.Value, 12);
        Assert.Equal(2.0 / 3, p.Recall!.Value, 12);
        Assert.Equal(8.0 / 9, p.Auc!.Value, 12);
    }

    [Fact]
    public void Input_order_does_not_change_the_auc()
    {
        var outcomes = new[] { O(0.5, false, false), O(0.1, false, false), O(0.5, false, true), O(0.9, false, true), O(0.2, false, false), O(0.5, false, true) };
        Assert.Equal(8.0 / 9, ChurnMetrics.Auc(outcomes)!.Value, 12);
    }

    [Fact]
    public void All_risks_equal_is_a_coin_toss()
    {
        var outcomes = new[] { O(1, true, true), O(1, true, false), O(1, true, false), O(1, true, true) };
        Assert.Equal(0.5, ChurnMetrics.Auc(outcomes)!.Value, 12);
    }

    [Fact]
    public void Perfect_and_inverted_rankings()
    {
        Assert.Equal(1.0, ChurnMetrics.Auc([O(3, false, true), O(2, false, true), O(1, false, false)])!.Value, 12);
        Assert.Equal(0.0, ChurnMetrics.Auc([O(1, false, true), O(2, false, false), O(3, false, false)])!.Value, 12);
    }

    [Fact]
    public void Undefined_metrics_are_null_not_zero()
    {
        // Nobody churned: recall and AUC have no denominator. Nobody flagged: precision has none.
        var p = ChurnMetrics.Compute([O(0.3, false, false), O(0.7, false, false)]);
        Assert.Null(p.Recall);
        Assert.Null(p.Auc);
        Assert.Null(p.Precision);
        Assert.Equal(2, p.TrueNegatives);
    }
}
