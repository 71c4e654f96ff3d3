using System.ComponentModel.DataAnnotations;

namespace Pulse.Health.Grains.Policy;

/// <summary>How each silo follows the published scoring policy (configuration section <c>Pulse:Policy</c>).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Pulse:Policy";

    /// <summary>How often each silo asks the policy grain for the version in force (one cheap call per silo).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
