namespace Pulse.Health.Model.Lifecycle;

/// <summary>The one lifecycle stage an account is in (DESIGN §4), in lifecycle order.</summary>
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
