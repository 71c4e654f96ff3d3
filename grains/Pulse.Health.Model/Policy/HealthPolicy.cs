using Pulse.Health.Model.Events;

namespace Pulse.Health.Model.Policy;

/// <summary>
/// The versioned scoring policy: weights, thresholds, bands and rule settings (docs/health-model.md, "Live policy").
/// Immutable: a new version is a new object, so an account can record exactly which version scored it.
/// </summary>
public sealed record HealthPolicy
{
    public required string Version { get; init; }
    public required IReadOnlyDictionary<TouchTier, TierProfile> Tiers { get; init; }

    // Bands (docs/health-model.md): Red < 50, Yellow 50–69, Green 70–84, Advocate ≥ 85.
    public double YellowFrom { get; init; } = 50;
    public double GreenFrom { get; init; } = 70;
    public double AdvocateFrom { get; init; } = 85;
    /// <summary>Points a score must pass a band edge by before the band changes, so the wall does not flicker.</summary>
    public double BandHysteresis { get; init; } = 3;

    // Usage
    public int KeyFeatureTarget { get; init; } = 3;
    public double UsageDropRatio { get; init; } = 0.25;
    public double SeatsUpsellRatio { get; init; } = 0.80;
    public double SeatsLowRatio { get; init; } = 0.25;

    // Support
    public int SupportWarnPer7 { get; init; } = 3;
    public int SupportDangerPer7 { get; init; } = 5;
    public int AgedCriticalTicketDays { get; init; } = 10;

    // Voice of customer
    public double SurveyDecayDays { get; init; } = 180;
    public int SurveyNonResponseDays { get; init; } = 30;
    public double DetractorMax { get; init; } = 6;

    // Payment
    public int SevereOverdueDays { get; init; } = 30;

    // Lifecycle
    public int OnboardingSlaDays { get; init; } = 56;
    public int RenewalWindowDays { get; init; } = 90;
    public int First90Days { get; init; } = 90;
    public int SustainedHealthDays { get; init; } = 14;
    public int SustainedAdvocateDays { get; init; } = 30;
    public int ArchiveAfterChurnedDays { get; init; } = 365;

    // Tier inference: the tier an account gets from its ARR when no `tier` trait says otherwise.
    /// <summary>ARR from which an account without a tier trait is high touch (laws L1038: "$500,000 or more").</summary>
    public double HighTouchFromArr { get; init; } = 500_000;
    /// <summary>ARR from which an account without a tier trait is low touch (book L858–866: thousands of customers at $15K).</summary>
    public double LowTouchFromArr { get; init; } = 15_000;
    /// <summary>ARR below which an account without a tier trait is B2C (book L866: "millions at $10 a month").</summary>
    public double B2cBelowArr { get; init; } = 1_200;

    /// <summary>
    /// Ceilings on the overall score while a severe condition holds (<see cref="Scoring.ScoreCaps"/>), by cap id.
    /// Empty: no caps.
    /// </summary>
    public IReadOnlyDictionary<string, double> Caps { get; init; } = new Dictionary<string, double>();
    /// <summary>Points below a cap's ceiling where the squeeze starts (<see cref="Scoring.ScoreCaps.FloorBelow"/>).</summary>
    public double CapSqueezePoints { get; init; } = 10;

    // Trend (Scoring.TrendAdjustment)
    /// <summary>Points of score per point the evidence's level moved over 30 days (0: trend does not count).</summary>
    public double TrendWeight { get; init; } = 0.5;
    /// <summary>The most the trend can add or take away.</summary>
    public double TrendMaxPoints { get; init; } = 15;

    // AtRisk: "call this customer" (Lifecycle.RiskAssessor.IsAtRisk)
    /// <summary>Below this score an account is AtRisk whatever the reasons.</summary>
    public double AtRiskBelow { get; init; } = 50;
    /// <summary>Below this score, any of <see cref="AtRiskReasons"/> also makes an account AtRisk.</summary>
    public double AtRiskReasonsBelow { get; init; } = 70;
    /// <summary>The risk reasons (names as in <c>RiskReasonNames</c>) that call for a CSM while the score is below <see cref="AtRiskReasonsBelow"/>.</summary>
    public IReadOnlyList<string> AtRiskReasons
    {
        get => _atRiskReasons;
        init { _atRiskReasons = value; AtRiskReasonMask = Lifecycle.RiskReasonNames.Mask(value ?? []); }
    }
    private readonly IReadOnlyList<string> _atRiskReasons = [];

    /// <summary><see cref="AtRiskReasons"/> as flags, worked out once per policy version rather than per evaluation.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Lifecycle.RiskReason AtRiskReasonMask { get; private init; }

    // Alerts and the wall
    public int AlertCooldownDays { get; init; } = 7;
    /// <summary>Policy-wide rule settings by rule id (<see cref="Alerts.AlertRuleCatalog"/>); tiers may override them.</summary>
    public IReadOnlyDictionary<string, AlertRuleSettings> Rules { get; init; } = new Dictionary<string, AlertRuleSettings>();
    /// <summary>|Δscore| from the last published value that makes an account report a "mover" to the wall.</summary>
    public double MoverThreshold { get; init; } = 5;

    public TierProfile ProfileFor(TouchTier tier) =>
        Tiers.TryGetValue(tier, out var profile) ? profile : Tiers[TouchTier.TechTouch];

    /// <summary>A rule's settings for a tier: the tier's override, else the policy's, else the rule's default.</summary>
    public ResolvedRule Rule(string ruleId, TouchTier tier)
    {
        var tierRule = ProfileFor(tier).Rules.GetValueOrDefault(ruleId);
        var policyRule = Rules.GetValueOrDefault(ruleId);
        return new ResolvedRule(
            tierRule?.Enabled ?? policyRule?.Enabled ?? true,
            tierRule?.CooldownDays ?? policyRule?.CooldownDays ?? AlertCooldownDays,
            tierRule?.Threshold ?? policyRule?.Threshold ?? Alerts.AlertRuleCatalog.Get(ruleId).DefaultThreshold(this));
    }

    /// <summary>The tier an account with this ARR gets when no <c>tier</c> trait names one.</summary>
    public TouchTier TierForArr(double arr) =>
        arr >= HighTouchFromArr ? TouchTier.HighTouch
        : arr >= LowTouchFromArr ? TouchTier.LowTouch
        : arr > 0 && arr < B2cBelowArr ? TouchTier.B2C
        : TouchTier.TechTouch;
}
