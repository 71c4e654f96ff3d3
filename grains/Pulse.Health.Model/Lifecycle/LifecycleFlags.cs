namespace Pulse.Health.Model.Lifecycle;

/// <summary>Flags that combine freely with any stage (docs/health-model.md).</summary>
[Flags]
public enum LifecycleFlags : byte
{
    None = 0,
    AtRisk = 1,
    InRenewalWindow = 2,
    First90Days = 4,
    OnboardingSlaBreached = 8,
}
