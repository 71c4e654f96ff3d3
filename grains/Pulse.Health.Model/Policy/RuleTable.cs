using System.Runtime.CompilerServices;
using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Events;

namespace Pulse.Health.Model.Policy;

/// <summary>
/// Every rule's resolved settings for one tier of one policy, worked out once per policy and tier instead of on each
/// evaluation (resolving them per call was an eighth of the per-event CPU). Kept beside the policy, not in it, so a
/// policy stays an immutable value whose equality is its contents.
/// </summary>
public sealed class RuleTable
{
    private static readonly ConditionalWeakTable<HealthPolicy, RuleTable[]> ByPolicy = new();
    private readonly Dictionary<string, ResolvedRule> _rules;

    private RuleTable(HealthPolicy policy, TouchTier tier) =>
        _rules = AlertRuleCatalog.All.ToDictionary(r => r.Id, r => policy.Rule(r.Id, tier), StringComparer.Ordinal);

    public static RuleTable For(HealthPolicy policy, TouchTier tier)
    {
        var tables = ByPolicy.GetValue(policy, p => Enum.GetValues<TouchTier>().Select(t => new RuleTable(p, t)).ToArray());
        return tables[(int)tier];
    }

    public ResolvedRule this[string ruleId] => _rules[ruleId];
}
