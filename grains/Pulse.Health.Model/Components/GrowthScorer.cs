using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Growth &amp; advocacy (docs/health-model.md, "Components"): contract growth since the first known ARR (laws L836–838), a recent downgrade
/// as partial churn (laws L394–397), and references, reviews, case studies or referrals in the last 12 months
/// (book L1714, L541).
/// </summary>
public static class GrowthScorer
{
    public const double Neutral = 60;
    public const int DowngradeWindowDays = 180;
    public const int AdvocacyWindowDays = 365;

    public static ComponentResult Score(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        var log = s.Growth;
        if (!log.HasData && s.LastDowngradeAt is null) return ComponentResult.NoData;
        var score = Neutral;
        var result = new ComponentResult(score, "growth.no-change", 0, 0);

        if (log.InitialArr is > 0 && s.Arr > 0)
        {
            var ratio = s.Arr / log.InitialArr.Value;
            // +25 at 20% growth or more, −30 at a 30% contraction or more, linear between.
            var points = ratio >= 1 ? Math.Min(25, (ratio - 1) / 0.2 * 25) : -Math.Min(30, (1 - ratio) / 0.3 * 30);
            score += points;
            result = new ComponentResult(score, ratio >= 1 ? "growth.arr-vs-initial" : "growth.arr-contracted", s.Arr, log.InitialArr.Value);
        }
        var advocacy = log.AdvocacySince(now.AddDays(-AdvocacyWindowDays));
        if (advocacy > 0)
        {
            score += Math.Min(30, 15 * advocacy);
            result = new ComponentResult(score, "growth.advocacy-in-12-months", advocacy, 2);
        }
        if (s.LastDowngradeAt is { } downgraded && (now - downgraded).TotalDays <= DowngradeWindowDays)
        {
            score -= 30;
            result = new ComponentResult(score, "growth.recent-downgrade", (now - downgraded).TotalDays, DowngradeWindowDays);
        }
        return result with { Score = Math.Clamp(score, 0, 100) };
    }
}
