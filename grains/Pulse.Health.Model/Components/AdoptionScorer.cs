using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Adoption &amp; usage (docs/health-model.md, "Components"): active days against the account's own trailing baseline and an absolute target,
/// key-feature depth, and seats active / purchased. The sub-scores are averaged over those that have data
/// (frequency 0.5, seats 0.3, depth 0.2, exec use 0.1 — design: frequency is what "nothing tells you more" means,
/// laws L819; exec use is a bonus signal where a sponsor is known, digest-001 §7.2).
/// </summary>
public static class AdoptionScorer
{
    public const int RecentWindow = 30;
    public const int BaselineWindow = 90;
    /// <summary>A baseline needs this many days of history before the recent window to mean anything (design).</summary>
    public const int MinBaselineDays = 14;
    public const int MinRecentDays = 7;

    private static ReadOnlySpan<double> RatioPoints => [0, 0.5, 0.75, 1.0];
    // A 25% drop vs own baseline is "strongly negative" (book L3635): ratio 0.75 → 55, half → 30.
    private static ReadOnlySpan<double> RatioScores => [0, 30, 55, 100];

    // <25% → ≤25, 25–59% → 40–70, ≥60% → 80–100 (digest-000 §7.2 from laws L876–880): a step at 25%, as the source says.
    private static ReadOnlySpan<double> SeatPoints => [0, 0.2499, 0.25, 0.5999, 0.60, 1.0];
    private static ReadOnlySpan<double> SeatScores => [0, 25, 40, 70, 80, 100];

    /// <summary>The component alone, for callers that do not keep sub-scores.</summary>
    public static ComponentResult Score(AccountHealth s, int today, HealthPolicy policy, TierProfile profile) =>
        Score(s, today, policy, profile, stackalloc float[SubScores.Count]);

    /// <param name="parts">Receives the sub-scores (<see cref="SubScores"/> slots); the rule named is the one that moved.</param>
    public static ComponentResult Score(AccountHealth s, int today, HealthPolicy policy, TierProfile profile, Span<float> parts)
    {
        var picker = new SubScores.Picker(s.SubScores, parts);
        picker.Add(SubScores.UsageFrequency, Frequency(s, today, profile), 0.5);
        picker.Add(SubScores.UsageSeats, Seats(s, policy), 0.3);
        picker.Add(SubScores.UsageDepth, Depth(s, today, policy), 0.2);
        picker.Add(SubScores.UsageExec, ExecUse(s, today), 0.1);
        // Volume catches what active days cannot: an account used every day by six people, then every day by one.
        picker.Add(SubScores.UsageVolume, Volume(s, today), 0.3);
        return picker.Result;
    }

    /// <summary>
    /// Events per day in the last 30 days against the account's own baseline (the 25%-drop rule of book L3635 applied to
    /// how much the product is used, not only on how many days); no data without a baseline.
    /// </summary>
    private static ComponentResult Volume(AccountHealth s, int today)
    {
        var log = s.Activity;
        if (!log.HasActivity) return ComponentResult.NoData;
        var recentFrom = today - RecentWindow + 1;
        var baseFrom = Math.Max(log.FirstDay, recentFrom - BaselineWindow);
        var baseLength = recentFrom - baseFrom;
        if (baseLength < MinBaselineDays) return ComponentResult.NoData;
        var baseline = log.Events(baseFrom, recentFrom - 1) / (double)baseLength;
        if (baseline <= 0) return ComponentResult.NoData;
        var recent = log.Events(recentFrom, today) / (double)RecentWindow;
        return new ComponentResult(Piecewise.Interpolate(recent / baseline, RatioPoints, RatioScores), "usage.events-per-day-vs-own-baseline",
            Math.Round(recent, 1), Math.Round(baseline, 1));
    }

    /// <summary>Ratio of recent active days to the account's own baseline rate, both per 30 days; NaN without a baseline.</summary>
    public static double BaselineRatio(AccountHealth s, int today, out double recentPer30, out double baselinePer30)
    {
        recentPer30 = baselinePer30 = 0;
        var log = s.Activity;
        if (!log.HasActivity) return double.NaN;
        var recentFrom = today - RecentWindow + 1;
        // A young account's rate is extrapolated from at least a week, so one busy first day does not read as "daily".
        var recentLength = Math.Clamp(today - log.FirstDay + 1, MinRecentDays, RecentWindow);
        if (recentLength <= 0) return double.NaN;
        recentPer30 = log.ActiveDays(recentFrom, today) * (double)RecentWindow / recentLength;
        var baseFrom = Math.Max(log.FirstDay, recentFrom - BaselineWindow);
        var baseLength = recentFrom - baseFrom;
        if (baseLength < MinBaselineDays) return double.NaN;
        baselinePer30 = log.ActiveDays(baseFrom, recentFrom - 1) * (double)RecentWindow / baseLength;
        return baselinePer30 < 1 ? double.NaN : recentPer30 / baselinePer30;
    }

    private static ComponentResult Frequency(AccountHealth s, int today, TierProfile profile)
    {
        if (!s.Activity.HasActivity) return ComponentResult.NoData;
        var ratio = BaselineRatio(s, today, out var recent, out var baseline);
        if (double.IsNaN(recent)) return ComponentResult.NoData;
        var level = Math.Min(1.0, recent / profile.TargetActiveDaysPer30) * 100;
        if (double.IsNaN(ratio))
            return new ComponentResult(level, "usage.active-days-vs-target", recent, profile.TargetActiveDaysPer30);
        var trend = Piecewise.Interpolate(ratio, RatioPoints, RatioScores);
        // Own baseline first (book L911 "previously prolific"), absolute level second.
        return new ComponentResult(0.6 * trend + 0.4 * level, "usage.active-days-vs-own-baseline", recent, baseline);
    }

    private static ComponentResult Seats(AccountHealth s, HealthPolicy policy)
    {
        if (s.SeatsPurchased is not > 0 || s.SeatsActive is not { } active) return ComponentResult.NoData;
        var ratio = (double)active / s.SeatsPurchased.Value;
        return new ComponentResult(Piecewise.Interpolate(ratio, SeatPoints, SeatScores), "usage.seats-active-of-purchased", active, s.SeatsPurchased.Value);
    }

    /// <summary>"Do executives use it?" (laws L818): the sponsor used the product in the last 30 days. No sponsor known, no data.</summary>
    private static ComponentResult ExecUse(AccountHealth s, int today)
    {
        if (!s.Relationship.Contacts.TryGetValue(RelationshipLog.Sponsor, out var sponsor) || sponsor.Status != ContactStatus.Present)
            return ComponentResult.NoData;
        var days = s.Relationship.SponsorLastActiveDay is { } last ? today - last : double.PositiveInfinity;
        return days < RecentWindow
            ? new ComponentResult(100, "usage.exec-active-in-30-days", days, RecentWindow)
            : new ComponentResult(40, "usage.exec-not-active-in-30-days", Math.Min(days, 999), RecentWindow);
    }

    private static ComponentResult Depth(AccountHealth s, int today, HealthPolicy policy)
    {
        if (s.Activity.KeyFeatures.Count == 0) return ComponentResult.NoData;
        var used = s.Activity.KeyFeaturesUsedSince(today - RecentWindow + 1);
        return new ComponentResult(Math.Min(1.0, (double)used / policy.KeyFeatureTarget) * 100, "usage.key-features-in-30-days", used, policy.KeyFeatureTarget);
    }
}
