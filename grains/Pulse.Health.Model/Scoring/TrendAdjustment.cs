using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Scoring;

/// <summary>
/// Trend counts as much as level: health is "a sine wave" (book L1773) and the texts put "health score trends" beside
/// the level (book L2659–2661); "moving health scores upward indicates increased loyalty" (laws L881–882). So the score
/// is the evidence's level plus <see cref="HealthPolicy.TrendWeight"/> times how far that level moved over
/// <see cref="WindowDays"/> days, at most <see cref="HealthPolicy.TrendMaxPoints"/> either way: of two accounts at the
/// same level, the falling one ranks riskier. The level's own history feeds it (<see cref="ScoreHistory"/>), never the
/// adjusted score, so the adjustment cannot feed on itself. An account younger than the window gets none.
/// </summary>
public static class TrendAdjustment
{
    /// <summary>Δ30, the middle of the texts' Δ7/Δ30/Δ90 (digest-001 §7.2): a week is noise, a quarter is history.</summary>
    public const int WindowDays = 30;
    /// <summary>The rule id under which the ledger and <c>/explain</c> show the adjustment.</summary>
    public const string Rule = "trend.level-change-in-30-days";

    public static double Points(ScoreHistory history, int today, double level, HealthPolicy policy)
    {
        if (policy.TrendWeight <= 0 || history.Delta(today, WindowDays, level) is not { } delta) return 0;
        return Math.Clamp(policy.TrendWeight * delta, -policy.TrendMaxPoints, policy.TrendMaxPoints);
    }
}
