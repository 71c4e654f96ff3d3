namespace Pulse.Health.Model.Lifecycle;

/// <summary>Flags that combine freely with any stage (DESIGN §4).</summary>
[Flags]
public enum LifecycleFlags : byte
{
    None = 0,
    AtRisk = 1,
    InRenewalWindow = 2,
    First90Days = 4,
    OnboardingSlaBreached = 8,
}
