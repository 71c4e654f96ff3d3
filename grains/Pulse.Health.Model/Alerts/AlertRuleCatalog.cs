using Pulse.Health.Model.Policy;

namespace Pulse.Health.Model.Alerts;

/// <summary>One alert rule as the policy knows it: its id, kind, default threshold and what the threshold means.</summary>
/// <param name="DefaultThreshold">
/// The threshold when neither the policy nor the tier overrides it. Where the model already has a setting for the same
/// concept (usage drop ratio, seat ratio…) the default reads it, so one concept has one knob unless ops split them.
/// NaN when the rule has no threshold (it fires on an event or a state change).
/// </param>
public sealed record AlertRuleDefinition(string Id, AlertKind Kind, Func<HealthPolicy, double> DefaultThreshold, string ThresholdMeaning, string Source);

/// <summary>
/// Every rule of docs/health-model.md ("Alerts") with its default threshold and the source line it comes from. The policy may
/// override any of them per policy and per tier (digest-001 §7.4: "per-tier thresholds (L980)").
/// </summary>
public static class AlertRuleCatalog
{
    public static readonly IReadOnlyList<AlertRuleDefinition> All =
    [
        new(AlertRules.UsageDrop, AlertKind.Risk, p => p.UsageDropRatio, "fractional drop of 30-day active days vs own 90-day baseline", "book L3635, L911"),
        new(AlertRules.KeyFeatureDecline, AlertKind.Risk, _ => 0.20, "fractional drop of key-feature use, last 13 weeks vs the 13 before, with NPS ≤ detractor or no answer", "book L3303"),
        new(AlertRules.Inactive, AlertKind.Risk, _ => double.NaN, "none: fires on entering Dormant (tier dormantAfterDays)", "book L911"),
        new(AlertRules.NewUserFizzle, AlertKind.Risk, _ => 3, "page views in the account's first 7 days below which it fires", "book L3647"),
        new(AlertRules.ValueMilestoneOverdue, AlertKind.Risk, _ => double.NaN, "none: tier valueMilestoneDays without a value milestone", "book L1632, L2292"),
        new(AlertRules.OnboardingSla, AlertKind.Risk, _ => double.NaN, "none: onboardingSlaDays not live", "book L3625"),
        new(AlertRules.SupportSurge, AlertKind.Risk, p => p.SupportDangerPer7, "tickets in 7 days (or more than the tier's 30-day danger level)", "book L1391, L3651, L980"),
        new(AlertRules.AgedCriticalAndOverdue, AlertKind.Risk, _ => double.NaN, "none: a P1/P2 open > agedCriticalTicketDays and an invoice > severeOverdueDays overdue", "book L3305"),
        new(AlertRules.PaymentOverdue, AlertKind.Risk, p => p.SevereOverdueDays, "days the worst open invoice is overdue", "book L3305, laws L841"),
        new(AlertRules.PaymentFailed, AlertKind.Risk, _ => double.NaN, "none: any Payment Failed", "book L2694"),
        new(AlertRules.Detractor, AlertKind.Risk, p => p.DetractorMax, "NPS at or below which the answer is a detractor", "book L3645, L1785"),
        new(AlertRules.KeyContactLost, AlertKind.Risk, _ => double.NaN, "none: sponsor or champion departed, unreachable or unsubscribed", "book L3307, L1324"),
        new(AlertRules.RenewalAtRisk, AlertKind.Risk, _ => double.NaN, "none: AtRisk inside the renewal window", "book L2623, L1224"),
        new(AlertRules.BandDrop, AlertKind.Risk, _ => double.NaN, "none: the band fell", "digest-001 §7.4 R15"),
        new(AlertRules.ScoreFall, AlertKind.Risk, _ => 15, "points the score fell over 30 days", "digest-001 §7.4 R15"),
        new(AlertRules.Outages, AlertKind.Risk, _ => 2, "outages in 30 days", "book L901"),
        new(AlertRules.Cancellation, AlertKind.Risk, _ => double.NaN, "none: entering Churned", "digest-000 §7.4 R16"),
        new(AlertRules.Downgrade, AlertKind.Risk, _ => double.NaN, "none: Contract Changed downgrade", "laws L394–397, book L1283"),
        new(AlertRules.UpsellSeats, AlertKind.Opportunity, p => p.SeatsUpsellRatio, "fraction of purchased seats active", "book L3635"),
        new(AlertRules.AdvocacyAsk, AlertKind.Opportunity, p => p.AdvocateFrom, "health above which (no open ticket, no advocacy in 12 months) to ask for a review", "book L1779"),
    ];

    private static readonly Dictionary<string, AlertRuleDefinition> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    public static AlertRuleDefinition Get(string id) => ById[id];
}
