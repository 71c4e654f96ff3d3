using Pulse.Health.Model.Policy;

namespace Pulse.Health.Grains.Policy;

/// <summary>Where an account gets the scoring policy in force (<see cref="LivePolicySource"/> on a silo).</summary>
public interface IHealthPolicySource
{
    HealthPolicy Current { get; }
}

/// <summary>The shipped default policy, fixed for the life of the process.</summary>
public sealed class DefaultHealthPolicySource : IHealthPolicySource
{
    public HealthPolicy Current { get; } = DefaultPolicy.Create();
}
