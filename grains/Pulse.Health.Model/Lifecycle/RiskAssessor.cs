using Pulse.Health.Model.Components;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Lifecycle;

/// <summary>Works out which AtRisk reasons hold now (docs/health-model.md, flags: AtRisk(reasons)).</summary>
public static class RiskAssessor
{
    /// <summary>A detractor answer keeps the account at risk this long (design: a quarter, one survey cycle).</summary>
    public const int DetractorDays = 90;
    public const int PaymentFailedDays = 30;
    public const int InactiveDays = 30;

    /// <summary>
    /// The reasons the evidence gives, everything but <see cref="RiskReason.RedBand"/> (the band comes from the score,
    /// which the caps of these very reasons can still lower: see <see cref="WithBand"/>).
    /// </summary>
    public static RiskReason Assess(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        var today = DayNumber.Of(now);
        var profile = policy.ProfileFor(s.Tier);
        var reasons = RiskReason.None;
        if (UsageDropped(s, today, policy)) reasons |= RiskReason.UsageDrop;
        if (SupportSurging(s, today, policy, profile)) reasons |= RiskReason.SupportSurge;
        if (s.Payment.WorstOverdueDays(now) > policy.SevereOverdueDays) reasons |= RiskReason.PaymentOverdue;
        if (SupportLog.CountSince(s.Payment.FailedDays, today - PaymentFailedDays + 1) > 0) reasons |= RiskReason.PaymentFailed;
        if (s.Voice.LastNps is { } nps && nps <= policy.DetractorMax && (now - s.Voice.LastNpsAt).TotalDays <= DetractorDays)
            reasons |= RiskReason.Detractor;
        if (LifecycleMachine.IsSlaBreached(s, now, policy)) reasons |= RiskReason.OnboardingSlaBreached;
        if (s.Activity.HasActivity && today - s.Activity.LastDay >= InactiveDays) reasons |= RiskReason.Inactive;
        if (KeyContactLost(s, now) is not null) reasons |= RiskReason.KeyContactLost;
        return reasons;
    }

    /// <summary>
    /// AtRisk means "call this customer", not "some signal is off": reasons alone hold on half of a typical book, and a
    /// flag on half the book tells a CSM nothing. So an account is AtRisk when its score is below
    /// <see cref="HealthPolicy.AtRiskBelow"/>, or below <see cref="HealthPolicy.AtRiskReasonsBelow"/> with one of the
    /// policy's <see cref="HealthPolicy.AtRiskReasons"/> holding (the texts' personal-call gate: a warning sign and health
    /// under 70, book L1785).
    /// </summary>
    public static bool IsAtRisk(AccountHealth s, HealthPolicy policy) =>
        s.Score < policy.AtRiskBelow || (s.Score < policy.AtRiskReasonsBelow && (s.RiskReasons & policy.AtRiskReasonMask) != 0);

    public static RiskReason WithBand(RiskReason evidence, Band? band) => band == Band.Red ? evidence | RiskReason.RedBand : evidence;

    /// <summary>The sponsor or champion role whose holder departed, went dark or unsubscribed recently, or null.</summary>
    public static string? KeyContactLost(AccountHealth s, DateTimeOffset now, int withinDays = Components.RelationshipScorer.LossWindowDays)
    {
        foreach (var (role, contact) in s.Relationship.Contacts)
            if (Components.RelationshipScorer.IsKeyRole(role) && contact.Status != ContactStatus.Present
                && (now - contact.Since).TotalDays <= withinDays)
                return role;
        return null;
    }

    public static bool UsageDropped(AccountHealth s, int today, HealthPolicy policy)
    {
        var ratio = AdoptionScorer.BaselineRatio(s, today, out _, out _);
        return !double.IsNaN(ratio) && ratio <= 1 - policy.UsageDropRatio;
    }

    public static bool SupportSurging(AccountHealth s, int today, HealthPolicy policy, TierProfile profile) =>
        SupportLog.CountSince(s.Support.OpenedDays, today - 6) >= policy.SupportDangerPer7
        || SupportLog.CountSince(s.Support.OpenedDays, today - 29) > profile.SupportTicketsPer30Danger;
}
