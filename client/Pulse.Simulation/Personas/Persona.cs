using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A kind of customer. A persona decides the account's tier and when its defining episode happens, and starts a
/// <see cref="PersonaScript"/> per account that writes the account's events day by day (backfill) and round by round
/// (live). Add a persona: a new <see cref="PersonaKind"/>, a class here, a line in <see cref="PersonaCatalog"/>.
/// </summary>
public abstract class Persona
{
    public abstract PersonaKind Kind { get; }

    public string Name => Kind.Name();

    /// <summary>Draws the coverage tier; the default is the B2B mix.</summary>
    public virtual AccountTier ChooseTier(DeterministicRandom random) => AccountTiers.PickB2B(random);

    /// <summary>Smallest seat count that lets the persona's signal show (an expander needs more than a handful).</summary>
    public virtual int MinSeats => 1;

    /// <summary>Backfill days (inclusive) on which the episode may start in history, or null when it cannot.</summary>
    public virtual (int From, int To)? BackfillOnset(int backfillDays) => null;

    /// <summary>True when the episode may instead start during the live phase.</summary>
    public virtual bool CanStartLive => false;

    /// <summary>
    /// When the account's episode starts: a backfill day, a live round, or neither. By default a share
    /// (<see cref="GeneratorOptions.LiveOnsetShare"/>) of accounts that can start live do, the rest start in
    /// <see cref="BackfillOnset"/>; with no backfill window every such account starts live.
    /// </summary>
    public virtual (int? Day, int? Round) DrawOnset(GeneratorOptions options, DeterministicRandom random)
    {
        var window = BackfillOnset(options.BackfillDays);
        var drawnLive = random.Chance(options.LiveOnsetShare); // always drawn, so the next draw does not depend on the window
        var live = CanStartLive && (window is null || drawnLive);
        if (live) return (null, random.Next(options.LiveEpisodeRounds));
        if (window is { } w) return (random.Between(w.From, w.To), null);
        return (null, null);
    }

    /// <summary>
    /// The shape of the account's hidden health (<see cref="Latent.LatentAccount"/>): by default a steady account whose
    /// health starts anywhere from fair to excellent. Personas with an episode turn it into a drop at their onset.
    /// </summary>
    public virtual Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.6, 0.95), random.Between(-0.08, 0.05));

    /// <summary>Starts the behaviour of one account. Called once, before its first day.</summary>
    public abstract PersonaScript Start(AccountContext account);

    /// <summary>Clamps an onset window to the history, or null when the history is too short for it.</summary>
    protected static (int From, int To)? Window(int backfillDays, int from, int to, int minimumHistory = 1)
    {
        if (backfillDays < minimumHistory) return null;
        from = Math.Clamp(from, 0, backfillDays - 1);
        to = Math.Clamp(to, from, backfillDays - 1);
        return (from, to);
    }
}

/// <summary>One account's behaviour over time. Holds the persona's per-account state.</summary>
public abstract class PersonaScript
{
    /// <summary>Writes the events of backfill day <see cref="AccountContext.Day"/>.</summary>
    public abstract void OnDay(AccountContext account);

    /// <summary>Writes the events of live round <see cref="AccountContext.Round"/> (usually zero or one).</summary>
    public abstract void OnLiveRound(AccountContext account);
}
