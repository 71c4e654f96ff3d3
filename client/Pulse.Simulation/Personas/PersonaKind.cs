namespace Pulse.Simulation.Personas;

/// <summary>The behaviours a synthetic account can follow. One <see cref="Persona"/> class per value.</summary>
public enum PersonaKind
{
    HealthyPowerUser,
    SlowDecliner,
    OnboardingStall,
    SupportStorm,
    PaymentTrouble,
    ChampionDeparture,
    SeasonalConsumer,
    Expander,
}

public static class PersonaKinds
{
    /// <summary>The kebab-case name used in options, output and (later) ground-truth labels.</summary>
    public static string Name(this PersonaKind kind) => kind switch
    {
        PersonaKind.HealthyPowerUser => "healthy-power-user",
        PersonaKind.SlowDecliner => "slow-decliner",
        PersonaKind.OnboardingStall => "onboarding-stall",
        PersonaKind.SupportStorm => "support-storm",
        PersonaKind.PaymentTrouble => "payment-trouble",
        PersonaKind.ChampionDeparture => "champion-departure",
        PersonaKind.SeasonalConsumer => "seasonal-consumer",
        PersonaKind.Expander => "expander",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string text, out PersonaKind kind)
    {
        foreach (var k in Enum.GetValues<PersonaKind>())
        {
            if (string.Equals(k.Name(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(k.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
