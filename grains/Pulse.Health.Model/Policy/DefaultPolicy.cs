using Pulse.Health.Model.Events;

namespace Pulse.Health.Model.Policy;

/// <summary>
/// The policy that ships. Every number cites where it comes from: "book L…" is
/// shared/sources/001_c8adc613e5e801d6.txt (via digest-001), "laws L…" is 004_0373b358726f1e75.txt,
/// "adoption L…" is 003_39ec735cc1162b9c.txt; "design" marks our own choice where the texts give no number.
/// </summary>
public static class DefaultPolicy
{
    public const string Version = "default-2026.12.1";

    public static HealthPolicy Create() => new()
    {
        Version = Version,
        Tiers = new Dictionary<TouchTier, TierProfile>
        {
            // Weights: digest-001 §7.2 — B2B low/tech touch 40/15/15/10/10/5/5, B2C 55/15/10/10/0/10/0.
            // Usage dominates: "Nothing will tell you more…" (book L1704, laws L819–820).
            [TouchTier.B2C] = new()
            {
                Weights = [55, 15, 10, 10, 0, 10, 0],
                // design: B2C apps are used in bursts; ">1×/week usually renew" (adoption L30) → 8 active days of 30.
                TargetActiveDaysPer30 = 8,
                SupportTicketsPer30Danger = 20,
                // 60 days of silence makes a once-prolific B2C account dormant (book L911).
                DormantAfterDays = 60,
                // The book says a day for B2C apps (L2292), but our B2C value proxy is 14 days of health ≥70 (L2300):
                // 21 days gives that proxy a week of grace before the rule fires (design).
                ValueMilestoneDays = 21,
                // The first session is the B2C go-live (digest-001 §7.3); value by four active days in a month, more than
                // once a week (adoption L30), since a B2C app shows its value within a day (book L2292).
                GoLiveActiveDays = 1, GoLiveWindowDays = 14, ValueActiveDays = 4,
                // A B2C subscriber who stops paying is gone: any failed payment is worth a dunning nudge at once,
                // and an overdue invoice matters after 15 days (digest-001 §7.4 R9, L907).
                Rules = new Dictionary<string, AlertRuleSettings> { ["payment-overdue"] = new() { Threshold = 15 } },
            },
            [TouchTier.TechTouch] = new()
            {
                Weights = [40, 15, 15, 10, 10, 5, 5],
                // "they use your product almost every day" (laws L809) is the ideal; 12 of 30 days (≈3×/week) is full marks (design).
                TargetActiveDaysPer30 = 12,
                // >20 requests in 30 days triggers outreach for low touch (book L980); tech touch follows low touch.
                SupportTicketsPer30Danger = 20,
                DormantAfterDays = 60,
                ValueMilestoneDays = 30, // value milestone by day 30 for B2B low/tech touch (book L1632, digest-001 §7.4 R5)
                // Live after 3 active days in 2 weeks (laws L423 "operational production mode"); value after 8 active days
                // in 30, more than once a week (adoption L30), with a key feature in use (book L2318).
                GoLiveActiveDays = 3, GoLiveWindowDays = 14, ValueActiveDays = 8,
            },
            [TouchTier.LowTouch] = new()
            {
                Weights = [40, 15, 15, 10, 10, 5, 5],
                TargetActiveDaysPer30 = 12,
                SupportTicketsPer30Danger = 20, // book L980
                DormantAfterDays = 90, // design: B2B accounts have quiet quarters; the 60-day rule is the B2C one (book L911)
                ValueMilestoneDays = 30, // book L1632
                GoLiveActiveDays = 3, GoLiveWindowDays = 14, ValueActiveDays = 8, // as tech touch (laws L423, adoption L30)
            },
            [TouchTier.HighTouch] = new()
            {
                // design: relationship matters more where a CSM owns the account (book L1722, L3307).
                Weights = [35, 15, 15, 10, 15, 5, 5],
                TargetActiveDaysPer30 = 15,
                SupportTicketsPer30Danger = 10, // 10 requests in 30 days for high touch (book L980)
                DormantAfterDays = 90,
                ValueMilestoneDays = 60, // "live by 60 days" rather than 11 months (laws L1319–1321): a project, not a sign-up
                // design: an enterprise rollout is live when used on most working days of two weeks (laws L423), and has
                // value at its target frequency (15 of 30 days, above) less a third: 10 active days in 30.
                GoLiveActiveDays = 5, GoLiveWindowDays = 14, ValueActiveDays = 10,
                // A CSM owns the account: three tickets in a week already calls for the CSM (book L1391 "maybe three").
                Rules = new Dictionary<string, AlertRuleSettings> { ["support-surge"] = new() { Threshold = 3 } },
            },
        },
        // Bands (docs/health-model.md): Red < 50 from the bad-fit cohort averaging 38.7 (book L1247), < 70 as the personal
        // intervention gate (book L1785), ≥ 85 the advocacy ask (book L1779). Hysteresis ±3 (digest-001 §7.2).
        YellowFrom = 50, GreenFrom = 70, AdvocateFrom = 85, BandHysteresis = 3,
        // Usage: a 25% drop vs own baseline is a risk (book L3635, L911); >80% seats active is an upsell signal
        // (book L3635); 13 of 100 licences active is very low, <25% low adoption (laws L876–880).
        UsageDropRatio = 0.25, SeatsUpsellRatio = 0.80, SeatsLowRatio = 0.25,
        KeyFeatureTarget = 3, // design: "are they using your stickiest features?" (laws L816–820) — 3 key features = deep.
        // Support: 3 in a week warns (book L1391), 5 in 7 days is danger (book L3651); P1/P2 open >10 days (book L3305).
        SupportWarnPer7 = 3, SupportDangerPer7 = 5, AgedCriticalTicketDays = 10,
        // Voice: latest score decayed over ~180 days, detractor 0–6 (book L3645), non-response (book L3303; 30 days is design).
        SurveyDecayDays = 180, DetractorMax = 6, SurveyNonResponseDays = 30,
        // Payment: >30 days overdue is severe (book L3305, laws L841 "pay their bills on time. Period.").
        SevereOverdueDays = 30,
        // Lifecycle: 8-week onboarding SLA (book L3625); renewal window 90 days (book L1224, L3666); first 90 days
        // (book L3657); health ≥70 for 14 days as time-to-value proxy (book L2300, L1561); advocate after 30 days ≥85 (book L1779).
        OnboardingSlaDays = 56, RenewalWindowDays = 90, First90Days = 90, SustainedHealthDays = 14, SustainedAdvocateDays = 30,
        ArchiveAfterChurnedDays = 365, // design: the book's archive is a purchase (book L2366); we archive a year after churn.
        // Tier from ARR when no tier trait is sent: ≥$500K high touch (laws L1038), ≥$15K low touch (book L858–866),
        // under $100/month B2C (book L866); the defaults live on HealthPolicy.
        Caps = new Dictionary<string, double>
        {
            // Onboarding at risk (SLA slipped) is capped at 69 until the flag clears (digest-001 §7.2, book L3641).
            ["onboarding-sla-breached"] = 69,
            // A departed, unreachable or unsubscribed sponsor/champion caps the band at Yellow for 30 days (digest-000 §4.3).
            ["key-contact-lost"] = 69,
            // "Healthy customers pay their bills on time. Period." (laws L841): an invoice >30 days overdue (book L3305)
            // is not Green, however well the product is used (design: the same Yellow ceiling).
            ["payment-severely-overdue"] = 69,
            // A 25% drop vs the account's own baseline is "strongly negative" (book L3635, L911): not Green (design).
            ["usage-drop"] = 69,
        },
        // Trend counts as much as level (book L1773, L2659–2661; laws L881–882): half a point per point the evidence
        // moved in 30 days, at most 15 either way (design, judged on held-out simulator seeds: benchmarks/results/backtest.md).
        TrendWeight = 0.5, TrendMaxPoints = 15,
        // AtRisk is "call this customer": Red (book L1247's bad-fit cohort), or below 55 with a warning sign (design: the
        // texts' personal-call gate is a warning sign and health under 70, book L1785, narrowed so the flag marks a
        // minority worth a CSM's time; judged on held-out seeds).
        AtRiskBelow = 50, AtRiskReasonsBelow = 55,
        AtRiskReasons = ["usage-drop", "support-surge", "payment-overdue", "payment-failed", "detractor", "onboarding-sla", "inactive", "key-contact-lost"],
        // design: a capped score is squeezed into the 10 points below its ceiling, keeping the order (ScoreCaps.FloorBelow).
        CapSqueezePoints = 10,
        AlertCooldownDays = 7, // design: per-account cooldown and frequency cap (book L1791); a week per rule.
        Rules = new Dictionary<string, AlertRuleSettings>
        {
            // A cancellation or a lost sponsor is acute: alert on every occurrence, not once a week (digest-000 §7.4 R6, R16).
            ["cancellation"] = new() { CooldownDays = 0 },
            ["sponsor-champion-loss"] = new() { CooldownDays = 0 },
            // Asking the same happy customer for a review more than once a quarter is over-mailing (book L1791).
            ["advocacy-ask"] = new() { CooldownDays = 90 },
        },
        MoverThreshold = 5, // design: publish score moves ≥5 points (digest-000 §7.1).
    };
}
