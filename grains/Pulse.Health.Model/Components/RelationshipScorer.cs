using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Relationship (docs/health-model.md, "Components"): a sponsor and a champion present and reachable score well; losing one is the
/// "talk to them now" moment (book L3307, L1324) and caps the component while recent; a contact that
/// "goes dark" (unreachable) or a champion who unsubscribes caps it less hard.
/// </summary>
public static class RelationshipScorer
{
    /// <summary>How long a departure keeps the component capped (design: one quarter to re-establish the relationship).</summary>
    public const int LossWindowDays = 90;
    public const double BaseScore = 60;
    public const double KeyContactBonus = 20;

    public static bool IsKeyRole(string role) => role is "sponsor" or "champion";

    public static ComponentResult Score(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        var log = s.Relationship;
        if (!log.HasData) return ComponentResult.NoData;
        var present = 0;
        var worst = ComponentResult.NoData;
        foreach (var (role, contact) in log.Contacts)
        {
            var days = (now - contact.Since).TotalDays;
            if (contact.Status == ContactStatus.Present)
            {
                if (IsKeyRole(role)) present++;
                continue;
            }
            if (days > LossWindowDays) continue;
            var (cap, rule) = (contact.Status, IsKeyRole(role)) switch
            {
                (ContactStatus.Departed, true) => (25.0, LossRule(role, "-departed")),
                (ContactStatus.Unsubscribed, true) => (40.0, LossRule(role, "-unsubscribed")),
                (ContactStatus.Unreachable, true) => (45.0, LossRule(role, "-unreachable")),
                (_, false) => (55.0, LossRule(role, "-lost")),
                _ => (100.0, "relationship.contacts"),
            };
            if (!worst.HasData || cap < worst.Score) worst = new ComponentResult(cap, rule, days, LossWindowDays);
        }
        var score = Math.Min(100, BaseScore + KeyContactBonus * present);
        var result = new ComponentResult(score, "relationship.key-contacts-present", present, 2);
        return worst.HasData && worst.Score < score ? worst : result;
    }

    /// <summary>
    /// "relationship.{role}{suffix}". The roles and statuses the product knows are constants: scoring runs on every
    /// event and a lost champion stays in the window for weeks, so building the id each time allocated per event.
    /// </summary>
    private static string LossRule(string role, string suffix) => (role, suffix) switch
    {
        ("sponsor", "-departed") => "relationship.sponsor-departed",
        ("sponsor", "-unsubscribed") => "relationship.sponsor-unsubscribed",
        ("sponsor", "-unreachable") => "relationship.sponsor-unreachable",
        ("champion", "-departed") => "relationship.champion-departed",
        ("champion", "-unsubscribed") => "relationship.champion-unsubscribed",
        ("champion", "-unreachable") => "relationship.champion-unreachable",
        ("admin", "-lost") => "relationship.admin-lost",
        ("power_user", "-lost") => "relationship.power_user-lost",
        _ => "relationship." + role + suffix,
    };
}
