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
    /// <summary>
    /// Go-live inferred from sustained use when no <c>Go Live Completed</c> comes: this many active days within
    /// <see cref="GoLiveWindowDays"/>. Most pipelines never send lifecycle events; a product in use on several days of
    /// two weeks is in "operational production mode" (laws L423, digest-000 §5) whatever the events say.
    /// </summary>
    public int GoLiveActiveDays { get; init; } = 3;
    public int GoLiveWindowDays { get; init; } = 14;
    /// <summary>
    /// First value inferred from sustained use when no value milestone comes: this many active days in the last 30, at
    /// least one key feature used in them (the first key action as time-to-value, book L2318, adoption L68–70; skipped when
    /// the pipeline marks no feature as key) and, where seats are known, at least <see cref="HealthPolicy.SeatsLowRatio"/>
    /// of them active (laws L876–880). Defaults: more than once a week for a month (adoption L30).
    /// </summary>
    public int ValueActiveDays { get; init; } = 8;
    /// <summary>This tier's overrides of rule settings, by rule id (digest-001 §7.4: per-tier thresholds, book L980).</summary>
    public IReadOnlyDictionary<string, AlertRuleSettings> Rules { get; init; } = new Dictionary<string, AlertRuleSettings>();
}
