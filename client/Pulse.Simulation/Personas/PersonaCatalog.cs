namespace Pulse.Simulation.Personas;

/// <summary>The persona instance for each <see cref="PersonaKind"/>.</summary>
public static class PersonaCatalog
{
    private static readonly Persona[] ByKind = Build();

    public static Persona Get(PersonaKind kind) => ByKind[(int)kind];

    public static IReadOnlyList<Persona> All => ByKind;

    private static Persona[] Build()
    {
        Persona[] all =
        [
            new HealthyPowerUser(),
            new SlowDecliner(),
            new OnboardingStall(),
            new SupportStorm(),
            new PaymentTrouble(),
            new ChampionDeparture(),
            new SeasonalConsumer(),
            new Expander(),
        ];
        var byKind = new Persona[Enum.GetValues<PersonaKind>().Length];
        foreach (var p in all) byKind[(int)p.Kind] = p;
        if (byKind.Any(p => p is null)) throw new InvalidOperationException("every PersonaKind needs a Persona in the catalog");
        return byKind;
    }
}
