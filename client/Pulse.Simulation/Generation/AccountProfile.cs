using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Generation;

/// <summary>
/// Who a synthetic account is: drawn once from (seed, index) and never changed. What it does over time lives in its
/// persona's script. <see cref="OnsetDay"/>/<see cref="OnsetRound"/> say when the persona's defining episode happens,
/// which is what ground-truth labels will be built from.
/// </summary>
public sealed record AccountProfile
{
    /// <summary>1-based position in the population.</summary>
    public required int Index { get; init; }
    /// <summary><c>acct-000123</c>.</summary>
    public required string AccountId { get; init; }
    public required PersonaKind Persona { get; init; }
    public required AccountTier Tier { get; init; }
    public required string Name { get; init; }
    public required string Plan { get; init; }
    public required string Segment { get; init; }
    public required string Industry { get; init; }
    /// <summary>Annual recurring revenue at the start of the simulation (whole currency units).</summary>
    public required decimal Arr { get; init; }
    /// <summary>Seats purchased at the start of the simulation.</summary>
    public required int Seats { get; init; }
    public required DateOnly RenewalDate { get; init; }
    /// <summary>Distinct users the account's events come from (<c>u-000123-01</c> … ); user 1 is the champion.</summary>
    public required int Users { get; init; }
    /// <summary>Offset (0–29) of the account's monthly billing day.</summary>
    public required int BillingOffset { get; init; }
    /// <summary>
    /// Backfill day (0 = first day of history) on which the persona's episode starts: decline start, storm, first
    /// payment problem, champion departure, stall, upgrade. Null when it happens live or the persona has none.
    /// </summary>
    public int? OnsetDay { get; init; }
    /// <summary>Live round in which the persona's episode starts, or null (see <see cref="OnsetDay"/>).</summary>
    public int? OnsetRound { get; init; }

    public bool IsB2B => Tier.IsB2B();

    public string UserId(int user) => $"u-{Index:D6}-{user:D2}";

    public static string AccountIdOf(int index) => $"acct-{index:D6}";
}
