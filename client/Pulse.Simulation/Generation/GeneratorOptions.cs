using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Generation;

/// <summary>
/// Everything the synthetic stream depends on. Same options ⇒ the same messages byte for byte
/// (live messages are stamped with the clock passed to <see cref="CustomerGenerator.Live"/>).
/// </summary>
public sealed record GeneratorOptions
{
    public long Seed { get; init; } = 42;
    public int Accounts { get; init; } = 10_000;
    /// <summary>Days of history before <see cref="Anchor"/>'s day (the backfill); 0 sends only the <c>group</c> calls.</summary>
    public int BackfillDays { get; init; } = 45;
    /// <summary>"Now" for the backfill: history covers the <see cref="BackfillDays"/> whole UTC days before this day.</summary>
    public required DateTimeOffset Anchor { get; init; }
    public PersonaMix PersonaMix { get; init; } = PersonaMix.Default;
    /// <summary>Share of accounts whose persona episode (storm, failed payment, departure, upgrade…) happens live rather than in history.</summary>
    public double LiveOnsetShare { get; init; } = 0.3;
    /// <summary>
    /// Live rounds (one step of every account) over which live episodes are spread. The runner derives it from the
    /// rate so episodes arrive over the first minutes of the live phase.
    /// </summary>
    public int LiveEpisodeRounds { get; init; } = 120;

    public DateTime AnchorDay => Anchor.UtcDateTime.Date;

    public IEnumerable<string> Validate()
    {
        if (Accounts is < 1 or > 9_999_999) yield return "accounts must be between 1 and 9,999,999";
        if (BackfillDays is < 0 or > 400) yield return "backfill days must be between 0 and 400";
        if (LiveOnsetShare is < 0 or > 1 || double.IsNaN(LiveOnsetShare)) yield return "live onset share must be between 0 and 1";
        if (LiveEpisodeRounds < 1) yield return "live episode rounds must be at least 1";
    }
}
