using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Engagement (docs/health-model.md, "Components"): e-mail opens and clicks in the last 90 days count for, bounces and unsubscribes against
/// (book L1710, L1712; digest-001 §7.2). Additive from a neutral 50 so a handful of signals moves it visibly
/// and it stays explainable ("3 unsubscribes in 90 days"); positive signals are capped so heavy mailing alone
/// cannot make an account look engaged (watch tech-touch over-mailing, book L1793).
/// </summary>
public static class EngagementScorer
{
    public const double Neutral = 50;
    public const double OpenPoints = 3, ClickPoints = 8, BouncePoints = 10, UnsubscribePoints = 25;
    /// <summary>A webinar or community post shows more intent than a click (laws L831–833: community involvement).</summary>
    public const double ParticipationPoints = 12;
    public const double MaxPositive = 50;

    public static ComponentResult Score(AccountHealth s, int today, HealthPolicy policy)
    {
        var log = s.Engagement;
        if (!log.HasData) return ComponentResult.NoData;
        var from = today - EngagementLog.WindowDays + 1;
        var opens = SupportLog.CountSince(log.Opens, from);
        var clicks = SupportLog.CountSince(log.Clicks, from);
        var bounces = SupportLog.CountSince(log.Bounces, from);
        var unsubscribes = SupportLog.CountSince(log.Unsubscribes, from);
        var participation = SupportLog.CountSince(log.Participation, from);
        var positive = Math.Min(MaxPositive, OpenPoints * opens + ClickPoints * clicks + ParticipationPoints * participation);
        var negative = BouncePoints * bounces + UnsubscribePoints * unsubscribes;
        var score = Math.Clamp(Neutral + positive - negative, 0, 100);
        if (negative > positive)
            return unsubscribes > 0
                ? new ComponentResult(score, "engagement.unsubscribes-in-90-days", unsubscribes, opens + clicks)
                : new ComponentResult(score, "engagement.bounces-in-90-days", bounces, opens + clicks);
        if (participation > 0 && ParticipationPoints * participation >= OpenPoints * opens + ClickPoints * clicks)
            return new ComponentResult(score, "engagement.webinars-and-community-in-90-days", participation, opens + clicks);
        return new ComponentResult(score, "engagement.opens-and-clicks-in-90-days", opens + clicks, bounces + unsubscribes);
    }
}
