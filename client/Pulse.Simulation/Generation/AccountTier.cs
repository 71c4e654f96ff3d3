namespace Pulse.Simulation.Generation;

/// <summary>Coverage tier, sent as the <c>tier</c> trait (the names the ingest API accepts).</summary>
public enum AccountTier
{
    B2C,
    TechTouch,
    LowTouch,
    HighTouch,
}

public static class AccountTiers
{
    public static string Name(this AccountTier tier) => tier switch
    {
        AccountTier.B2C => "b2c",
        AccountTier.TechTouch => "tech-touch",
        AccountTier.LowTouch => "low-touch",
        AccountTier.HighTouch => "high-touch",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    public static bool IsB2B(this AccountTier tier) => tier != AccountTier.B2C;

    /// <summary>
    /// The B2B mix personas draw from unless they say otherwise: tech 60 %, low 30 %, high 10 % — a tech-touch company's
    /// book, where most accounts are served at scale and few have a named CSM.
    /// </summary>
    public static AccountTier PickB2B(DeterministicRandom random)
    {
        var x = random.NextDouble();
        return x < 0.60 ? AccountTier.TechTouch : x < 0.90 ? AccountTier.LowTouch : AccountTier.HighTouch;
    }
}
