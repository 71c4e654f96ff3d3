using Pulse.Health.Model.Events;

namespace Pulse.Health.Model.Policy;

/// <summary>
/// The versioned scoring policy: weights, thresholds, bands and rule settings (DESIGN §4 "Policy").
/// Immutable: a new version is a new object, so an account can record exactly which version scored it.
/// </summary>
public sealed record HealthPolicy
{
    public required string Version { get; init; }
    public required IReadOnlyDictionary<TouchTier, TierProfile> Tiers { get; init; }

    // Bands (DESIGN §4): Red < 50, Yellow 50–69, Green 70–84, Advocate ≥ 85.
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

    // Alerts and the wall
    public int AlertCooldownDays { get; init; } = 7;
    /// <summary>|Δscore| from the last published value that makes an account report a "mover" to the wall.</summary>
    public double MoverThreshold { get; init; } = 5;

    public TierProfile ProfileFor(TouchTier tier) =>
        Tiers.TryGetValue(tier, out var profile) ? profile : Tiers[TouchTier.TechTouch];
}
