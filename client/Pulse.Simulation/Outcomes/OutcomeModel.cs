using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Outcomes;

/// <summary>
/// Draws each account's hidden outcome from its persona, tier and renewal date, with its own random stream
/// (<see cref="RandomStream.Outcome"/>) so that adding labels shifts none of the events. Persona shares follow our
/// source texts: usage decline, a stalled onboarding, a lost champion and unpaid bills are the classic churn
/// predictors; seats above 80 % active is the upsell signal; healthy accounts mostly renew. The outcome is not
/// certain for any persona, as in real books of business, so a perfect score is impossible and a useless one shows.
/// </summary>
public static class OutcomeModel
{
    /// <summary>(probability of churn, probability of expansion) per persona; the rest renew.</summary>
    public static (double Churn, double Expand) Odds(PersonaKind persona) => persona switch
    {
        PersonaKind.HealthyPowerUser => (0.03, 0.12),
        PersonaKind.SlowDecliner => (0.75, 0.00),
        PersonaKind.OnboardingStall => (0.60, 0.00),
        PersonaKind.SupportStorm => (0.35, 0.00),
        PersonaKind.PaymentTrouble => (0.55, 0.00),
        PersonaKind.ChampionDeparture => (0.45, 0.02),
        PersonaKind.SeasonalConsumer => (0.15, 0.02),
        PersonaKind.Expander => (0.01, 0.85),
        _ => throw new ArgumentOutOfRangeException(nameof(persona)),
    };

    public static GroundTruth For(GeneratorOptions options, AccountProfile profile)
    {
        var r = DeterministicRandom.For(options.Seed, profile.Index, RandomStream.Outcome);
        var (churn, expand) = Odds(profile.Persona);
        var x = r.NextDouble();
        var outcome = x < churn ? OutcomeKind.Churns : x < churn + expand ? OutcomeKind.Expands : OutcomeKind.Renews;
        var today = DateOnly.FromDateTime(options.AnchorDay);
        var renewal = profile.RenewalDate;
        DateOnly at = outcome switch
        {
            // Self-serve (b2c, tech-touch) accounts cancel a monthly plan within weeks; contracted ones leave at renewal.
            OutcomeKind.Churns when profile.Tier is AccountTier.B2C or AccountTier.TechTouch => Min(renewal, today.AddDays(r.Between(14, 90))),
            OutcomeKind.Churns => renewal,
            // An expander that upgraded in the history expanded then; the others expand within the next quarter.
            OutcomeKind.Expands when profile.Persona == PersonaKind.Expander && profile.OnsetDay is { } day => today.AddDays(day - options.BackfillDays),
            OutcomeKind.Expands => Min(renewal, today.AddDays(r.Between(7, 90))),
            _ => renewal,
        };
        return new GroundTruth(profile.AccountId, profile.Persona, profile.Tier, outcome,
            new DateTimeOffset(at.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
