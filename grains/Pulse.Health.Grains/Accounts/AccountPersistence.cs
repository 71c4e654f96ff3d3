namespace Pulse.Health.Grains.Accounts;

/// <summary>
/// When an account writes its state. Durable profiles write behind (docs/architecture.md §6.2): at most <see cref="WriteBehind"/> after
/// a change, and on deactivation. The embedded profile keeps grain state in the silo's own memory, so a periodic write
/// protects nothing a crash would not take with it; there the state is written only when the account leaves memory,
/// which saved the encoding, compression and storage copy (~14 % of the silo's CPU under load, ~0.8 KB per account).
/// </summary>
public sealed record AccountPersistence(TimeSpan? WriteBehind)
{
    public static readonly AccountPersistence Durable = new(TimeSpan.FromSeconds(5));
    public static readonly AccountPersistence OnDeactivation = new((TimeSpan?)null);
}
