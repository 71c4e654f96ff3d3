using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Support (docs/health-model.md, "Components"): bell-shaped on ticket volume — none is mildly negative, "some regularity" is best, too many
/// is bad (laws L810–811, L822–824) — then capped by short-term surges, aged P1/P2 tickets, escalations and outages.
/// </summary>
public static class SupportScorer
{
    /// <summary>Tickets in 30 days that still score full marks (design: "call … often enough", laws L810).</summary>
    public const int HealthyTicketsPer30 = 3;
    public const double NoTicketsScore = 85;

    public static ComponentResult Score(AccountHealth s, int today, HealthPolicy policy, TierProfile profile)
    {
        var log = s.Support;
        if (!log.HasData) return ComponentResult.NoData;
        var from30 = today - 29;
        var from7 = today - 6;
        var tickets30 = SupportLog.CountSince(log.OpenedDays, from30);
        var tickets7 = SupportLog.CountSince(log.OpenedDays, from7);

        var result = Volume(tickets30, profile);

        // Short-term surges: ≥3 in 7 days warns (book L1391), ≥5 is danger (book L3651).
        if (tickets7 >= policy.SupportDangerPer7) result = Cap(result, 30, "support.tickets-in-7-days-danger", tickets7, policy.SupportDangerPer7);
        else if (tickets7 >= policy.SupportWarnPer7) result = Cap(result, 60, "support.tickets-in-7-days-warn", tickets7, policy.SupportWarnPer7);

        // An open P1/P2 older than 10 days (book L3305).
        var aged = log.OldestCriticalAgeDays(today);
        if (aged > policy.AgedCriticalTicketDays) result = Cap(result, 40, "support.aged-p1-p2-ticket", aged, policy.AgedCriticalTicketDays);

        // Escalations and outages subtract; two outages in 30 days cap the score (book L901).
        var escalations = SupportLog.CountSince(log.EscalationDays, from30);
        var outages = SupportLog.CountSince(log.OutageDays, from30);
        var penalty = Math.Min(30, 10 * escalations) + Math.Min(30, 10 * outages);
        if (penalty > 0)
        {
            var rule = escalations >= outages ? "support.escalations-in-30-days" : "support.outages-in-30-days";
            var measure = escalations >= outages ? escalations : outages;
            var penalised = Math.Max(0, result.Score - penalty);
            result = penalised < result.Score ? new ComponentResult(penalised, rule, measure, 0) : result;
        }
        if (outages >= 2) result = Cap(result, 50, "support.outages-in-30-days", outages, 2);
        return result;
    }

    private static ComponentResult Volume(int tickets30, TierProfile profile)
    {
        if (tickets30 == 0) return new ComponentResult(NoTicketsScore, "support.no-tickets-in-30-days", 0, HealthyTicketsPer30);
        if (tickets30 <= HealthyTicketsPer30) return new ComponentResult(100, "support.tickets-in-30-days", tickets30, HealthyTicketsPer30);
        var danger = Math.Max(HealthyTicketsPer30 + 1, profile.SupportTicketsPer30Danger);
        // Linear from 100 at the healthy level to 40 at the tier's danger level (book L980), 20 beyond.
        var score = tickets30 > danger ? 20 : 100 - 60.0 * (tickets30 - HealthyTicketsPer30) / (danger - HealthyTicketsPer30);
        return new ComponentResult(score, "support.tickets-in-30-days", tickets30, danger);
    }

    private static ComponentResult Cap(ComponentResult current, double cap, string rule, double measure, double reference) =>
        current.Score <= cap ? current : new ComponentResult(cap, rule, measure, reference);
}
