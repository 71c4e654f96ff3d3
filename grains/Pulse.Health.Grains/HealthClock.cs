namespace Pulse.Health.Grains;

/// <summary>
/// The time the health model is evaluated at ("now" for decay, windows and wake-ups). A type of its own rather than
/// the container's <see cref="TimeProvider"/>, so a test can move the accounts' clock by months without moving the
/// clock Orleans itself runs on (membership, reminders, timers).
/// </summary>
public sealed class HealthClock(TimeProvider time)
{
    public static readonly HealthClock System = new(TimeProvider.System);

    public DateTimeOffset Now => time.GetUtcNow();
}
