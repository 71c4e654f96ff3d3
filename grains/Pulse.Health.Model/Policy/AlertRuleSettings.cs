namespace Pulse.Health.Model.Policy;

/// <summary>
/// Settings of one alert rule, at policy level or as a tier's override. Null means "inherit": a tier override falls
/// back to the policy's setting, which falls back to the rule's default in <see cref="Alerts.AlertRuleCatalog"/>.
/// </summary>
public sealed record AlertRuleSettings
{
    public bool? Enabled { get; init; }
    /// <summary>Days after the rule fired on an account before it may fire there again.</summary>
    public int? CooldownDays { get; init; }
    /// <summary>The rule's threshold; its meaning and unit are per rule (see the catalog).</summary>
    public double? Threshold { get; init; }
}

/// <summary>A rule's settings with every inherited value filled in, for one tier.</summary>
public readonly record struct ResolvedRule(bool Enabled, int CooldownDays, double Threshold);
