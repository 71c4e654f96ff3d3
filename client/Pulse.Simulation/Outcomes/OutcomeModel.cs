using Pulse.Simulation.Generation;
using Pulse.Simulation.Latent;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Outcomes;

/// <summary>
/// Draws each account's hidden outcome from its hidden health at the end of the history (<see cref="LatentAccount.End"/>),
/// not from its persona, with its own random stream (<see cref="RandomStream.Outcome"/>) so that adding labels shifts
/// none of the events:
/// <list type="bullet">
/// <item>a few accounts (<see cref="LatentAccount.NoWarningChurnShare"/>) churn whatever their health: acquired, budget cut;</item>
/// <item>the others churn with probability <see cref="ChurnProbability"/>, a logistic in h (≈ 65 % at h = 0.1,
/// ≈ 15 % at h = 0.4, under 1 % at h = 0.9) — so churn is likely, not certain, for a sick account, and a perfect score is
/// impossible;</item>
/// <item>accounts that stay expand with a chance rising with h (most expanders, a few other healthy accounts).</item>
/// </list>
/// Over the default mix the churn rate is about 14 %. Churn happens after the history: within 1–60 days for monthly
/// self-serve plans (B2C, tech-touch), at the renewal date for contracted tiers; the label is "churns" whatever the date,
/// so AUC over the whole book is meaningful.
/// </summary>
public static class OutcomeModel
{
    /// <summary>Logistic slope per unit of health: steep enough that health decides, flat enough that it never decides alone.</summary>
    public const double Slope = 8.0;
    /// <summary>Health at which an account churns one time in two.</summary>
    public const double Midpoint = 0.18;

    /// <summary>Chance that an account with hidden health <paramref name="health"/> (at the end of the history) churns.</summary>
    public static double ChurnProbability(double health) => DeterministicMath.Logistic(Slope * (Midpoint - health));

    public static GroundTruth For(GeneratorOptions options, AccountProfile profile) =>
        For(options, profile, LatentAccount.For(options, profile));

    public static GroundTruth For(GeneratorOptions options, AccountProfile profile, LatentAccount latent)
    {
        var r = DeterministicRandom.For(options.Seed, profile.Index, RandomStream.Outcome);
        var churnDraw = r.NextDouble();
        var expandDraw = r.NextDouble();
        var churnDays = r.Between(1, 60);
        var expandDays = r.Between(7, 90);
        var h = latent.End;
        var outcome = latent.ChurnsWithoutWarning || churnDraw < ChurnProbability(h) ? OutcomeKind.Churns
            : expandDraw < ExpandProbability(profile.Persona, h) ? OutcomeKind.Expands
            : OutcomeKind.Renews;
        var today = DateOnly.FromDateTime(options.AnchorDay);
        var renewal = profile.RenewalDate;
        DateOnly at = outcome switch
        {
            // Self-serve (b2c, tech-touch) accounts cancel a monthly plan within weeks; contracted ones leave at renewal.
            OutcomeKind.Churns when profile.Tier is AccountTier.B2C or AccountTier.TechTouch => Min(renewal, today.AddDays(churnDays)),
            OutcomeKind.Churns => renewal,
            // An expander that upgraded in the history expanded then; the others expand within the next quarter.
            OutcomeKind.Expands when profile.Persona == PersonaKind.Expander && profile.OnsetDay is { } day => today.AddDays(day - options.BackfillDays),
            OutcomeKind.Expands => Min(renewal, today.AddDays(expandDays)),
            _ => renewal,
        };
        return new GroundTruth(profile.AccountId, profile.Persona, profile.Tier, outcome,
            new DateTimeOffset(at.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    /// <summary>Chance that an account that stays expands: most expanders, and a few other accounts, the healthier the likelier.</summary>
    public static double ExpandProbability(PersonaKind persona, double health) =>
        persona == PersonaKind.Expander ? 0.85 : health > 0.75 ? 0.3 * (health - 0.75) : 0;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
