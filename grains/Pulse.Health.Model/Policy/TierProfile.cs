namespace Pulse.Health.Model.Policy;

/// <summary>
/// Weights and thresholds for one coverage tier (docs/health-model.md: weights per tier).
/// Defaults and their sources are in <see cref="DefaultPolicy"/>.
/// </summary>
public sealed record TierProfile
{
    /// <summary>Component weights in <see cref="Components.ComponentKind"/> order; renormalised over components with data.</summary>
    public required double[] Weights { get; init; }
    /// <summary>Active days in 30 that score full marks for usage level.</summary>
    public double TargetActiveDaysPer30 { get; init; } = 12;
    /// <summary>Tickets in 30 days at which support volume is strongly negative.</summary>
    public int SupportTicketsPer30Danger { get; init; } = 20;
    /// <summary>Days without product activity after which an active account becomes Dormant.</summary>
    public int DormantAfterDays { get; init; } = 60;
    /// <summary>Days from start by which a value milestone is expected; later, the value-milestone-overdue rule fires.</summary>
    public int ValueMilestoneDays { get; init; } = 30;
    /// <summary>This tier's overrides of rule settings, by rule id (digest-001 §7.4: per-tier thresholds, book L980).</summary>
    public IReadOnlyDictionary<string, AlertRuleSettings> Rules { get; init; } = new Dictionary<string, AlertRuleSettings>();
}
