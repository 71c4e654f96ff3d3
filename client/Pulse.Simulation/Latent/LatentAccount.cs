using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Latent;

/// <summary>
/// What the events of a synthetic account are drawn from and never show directly: its hidden health h(t) ∈ [0, 1] for
/// every day of the history (index 0 … <see cref="GeneratorOptions.BackfillDays"/>, the last being "today"), and its
/// style — how it behaves whatever its health (some healthy accounts just use less, some file many tickets, most
/// pipelines never send lifecycle events, few people answer surveys). Drawn from (seed, account) on streams of its own
/// (<see cref="RandomStream.Latent"/>, <see cref="RandomStream.Style"/>), so the outcome model can rebuild it without
/// generating a single event.
/// </summary>
public sealed class LatentAccount
{
    /// <summary>Share of accounts whose health quietly drifts down over the history with no persona episode to show for it.</summary>
    public const double QuietDeclineShare = 0.12;
    /// <summary>Share of accounts whose health quietly improves over the history.</summary>
    public const double QuietRecoveryShare = 0.08;
    /// <summary>Share of accounts that churn whatever their health (acquired, budget cut): no warning in any event.</summary>
    public const double NoWarningChurnShare = 0.03;
    /// <summary>Chance that an account whose health ends at or above <see cref="DemandingMinHealth"/> is a demanding customer.</summary>
    public const double DemandingShareOfHealthy = 0.12;
    public const double DemandingMinHealth = 0.7;
    /// <summary>How many times the usual ticket rate a demanding customer files.</summary>
    public const double DemandingTicketFactor = 4;
    /// <summary>Share of each B2B tier's accounts whose pipeline sends lifecycle events (go-live, milestones, contract signed).</summary>
    public static double LifecycleShare(AccountTier tier) => tier switch
    {
        AccountTier.TechTouch => 0.3,
        AccountTier.LowTouch => 0.4,
        AccountTier.HighTouch => 0.5,
        _ => 0,
    };

    private readonly double[] _health;
    private readonly double[] _userPropensity;

    private LatentAccount(double[] health, double[] userPropensity)
    {
        _health = health;
        _userPropensity = userPropensity;
    }

    /// <summary>Hidden health on backfill day <paramref name="day"/> (clamped to the history; the live phase sees today's).</summary>
    public double At(int day) => _health[Math.Clamp(day, 0, _health.Length - 1)];
    public double Start => _health[0];
    /// <summary>The persona's shape the trajectory was drawn around (before drift and wobble).</summary>
    public required HealthShape Shape { get; init; }
    /// <summary>Hidden health today, at the end of the history: what the outcome is drawn from.</summary>
    public double End => _health[^1];

    /// <summary>Multiplies every user's chance of being active (0.7–1.2): style, not health.</summary>
    public double UsageStyle { get; private init; }
    /// <summary>How much of the key-feature set the account's work needs (0.5–1.2).</summary>
    public double DepthStyle { get; private init; }
    /// <summary>Multiplies the ticket rate (0.3–1.8, × <see cref="DemandingTicketFactor"/> when demanding).</summary>
    public double TicketStyle { get; private init; }
    /// <summary>Files many tickets, P1s included, and is healthy all the same.</summary>
    public bool Demanding { get; private init; }
    /// <summary>Chance that a survey gets an answer (0.10–0.30).</summary>
    public double SurveyResponse { get; private init; }
    /// <summary>Added to every NPS answer (−1.5 … +1.5): harsh and generous graders.</summary>
    public double NpsBias { get; private init; }
    /// <summary>Pays late out of habit (its process, not its health).</summary>
    public bool LatePayer { get; private init; }
    /// <summary>The account's pipeline sends go-live, milestone and contract events.</summary>
    public bool SendsLifecycleEvents { get; private init; }
    /// <summary>Churns whatever its health (acquired, budget cut).</summary>
    public bool ChurnsWithoutWarning { get; private init; }
    /// <summary>First backfill day an NPS survey goes out, then every 30–90 days.</summary>
    public int FirstSurveyDay { get; private init; }

    /// <summary>User <paramref name="user"/>'s (1-based) own tendency to be active on a given day (0.6–1).</summary>
    public double UserPropensity(int user) => _userPropensity[(user - 1) % _userPropensity.Length];

    public static LatentAccount For(GeneratorOptions options, AccountProfile profile)
    {
        var days = options.BackfillDays;
        var r = DeterministicRandom.For(options.Seed, profile.Index, RandomStream.Latent);
        var shape = PersonaCatalog.Get(profile.Persona).DrawHealth(profile, days, r);
        var x = r.NextDouble();
        var quietDecline = r.Between(0.15, 0.45);
        var quietRecovery = r.Between(0.1, 0.3);
        var drift = x < QuietDeclineShare ? -quietDecline : x < QuietDeclineShare + QuietRecoveryShare ? quietRecovery : 0;
        var health = new double[days + 1];
        // Day-to-day wobble: a mean-reverting walk (sd ≈ 0.07), so no two accounts of a shape are alike.
        var wobble = 0.07 * DeterministicMath.Normal(r);
        for (var day = 0; day <= days; day++)
        {
            if (day > 0) wobble = 0.93 * wobble + 0.026 * DeterministicMath.Normal(r);
            health[day] = DeterministicMath.Clamp01(shape.At(day, days, profile.OnsetDay) + drift * day / Math.Max(1, days) + wobble);
        }

        var s = DeterministicRandom.For(options.Seed, profile.Index, RandomStream.Style);
        var propensity = new double[Math.Max(1, profile.Users)];
        for (var i = 0; i < propensity.Length; i++) propensity[i] = s.Between(0.6, 1.0);
        var demanding = s.Chance(DemandingShareOfHealthy) && health[^1] >= DemandingMinHealth;
        var ticketStyle = s.Between(0.3, 1.8);
        return new LatentAccount(health, propensity)
        {
            Shape = shape,
            UsageStyle = s.Between(0.7, 1.2),
            DepthStyle = s.Between(0.5, 1.2),
            TicketStyle = demanding ? ticketStyle * DemandingTicketFactor : ticketStyle,
            Demanding = demanding,
            SurveyResponse = s.Between(0.1, 0.3),
            NpsBias = s.Between(-1.5, 1.5),
            LatePayer = s.Chance(0.15),
            SendsLifecycleEvents = s.Chance(LifecycleShare(profile.Tier)),
            ChurnsWithoutWarning = s.Chance(NoWarningChurnShare),
            FirstSurveyDay = s.Between(0, 60),
        };
    }
}
