using System.ComponentModel.DataAnnotations;

namespace Pulse.Health.Grains.Wakeups;

/// <summary>The wake-up calendar's settings (configuration section <c>Pulse:Wakeups</c>).</summary>
public sealed class WakeupOptions
{
    public const string Section = "Pulse:Wakeups";

    /// <summary>
    /// How often each shard looks for due accounts. Days are the model's unit, so minutes are plenty; Orleans refuses
    /// reminder periods under a minute, so a shorter one fails at start rather than at the first shard's activation.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(5);
}
