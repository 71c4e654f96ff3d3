namespace Pulse.Health.Model.Lifecycle;

/// <summary>The one lifecycle stage an account is in (docs/health-model.md), in lifecycle order.</summary>
public enum LifecycleStage : byte
{
    Onboarding = 0,
    Adopting,
    Established,
    Expanding,
    Advocate,
    Dormant,
    Churned,
    Archived,
}
