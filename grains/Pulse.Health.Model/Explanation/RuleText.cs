using System.Globalization;
using Pulse.Health.Model.Components;

namespace Pulse.Health.Model.Explanation;

/// <summary>
/// Turns a component rule and its evidence into a sentence a CSM reads ("3 active days per 30 vs a baseline of 11").
/// The rule id stays the stable, machine-readable part; this is the human part.
/// </summary>
public static class RuleText
{
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["usage.active-days-vs-own-baseline"] = "{0} active days per 30 vs its own baseline of {1}",
        ["usage.active-days-vs-target"] = "{0} active days per 30 vs a target of {1}",
        ["usage.exec-active-in-30-days"] = "the sponsor used the product {0} days ago",
        ["usage.exec-not-active-in-30-days"] = "the sponsor has not used the product in {1} days",
        ["usage.key-features-in-30-days"] = "{0} of {1} key features used in 30 days",
        ["usage.seats-active-of-purchased"] = "{0} of {1} seats active",
        ["support.aged-p1-p2-ticket"] = "a P1/P2 ticket open {0} days (limit {1})",
        ["support.escalations-in-30-days"] = "{0} escalations in 30 days",
        ["support.no-tickets-in-30-days"] = "no tickets in 30 days (some contact is healthier)",
        ["support.outages-in-30-days"] = "{0} outages in 30 days",
        ["support.tickets-in-30-days"] = "{0} tickets in 30 days (danger above {1})",
        ["support.tickets-in-7-days-danger"] = "{0} tickets in 7 days (danger at {1})",
        ["support.tickets-in-7-days-warn"] = "{0} tickets in 7 days (warning at {1})",
        ["voice.latest-ces"] = "customer effort {0} of {1}",
        ["voice.latest-csat"] = "CSAT {0} of {1}",
        ["voice.latest-nps"] = "NPS {0} of {1}",
        ["voice.nps-detractor"] = "NPS {0}: a detractor",
        ["voice.survey-not-answered"] = "last survey unanswered for {0} days",
        ["payment.failed-payments-in-30-days"] = "{0} failed payments in 30 days",
        ["payment.failed-payments-in-90-days"] = "{0} failed payments in 90 days",
        ["payment.invoice-overdue"] = "an invoice {0} days overdue",
        ["payment.invoice-severely-overdue"] = "an invoice {0} days overdue (severe after {1})",
        ["payment.nothing-overdue"] = "nothing overdue",
        ["payment.on-time-ratio"] = "paid on time {0} of {1}",
        ["relationship.key-contacts-present"] = "{0} of {1} key contacts (sponsor, champion) in place",
        ["engagement.bounces-in-90-days"] = "{0} e-mail bounces in 90 days",
        ["engagement.opens-and-clicks-in-90-days"] = "{0} e-mail opens and clicks in 90 days",
        ["engagement.unsubscribes-in-90-days"] = "{0} unsubscribes in 90 days",
        ["engagement.webinars-and-community-in-90-days"] = "{0} webinars and community posts in 90 days",
        ["growth.advocacy-in-12-months"] = "{0} references, reviews or referrals in 12 months",
        ["growth.arr-contracted"] = "ARR {0} down from {1}",
        ["growth.arr-vs-initial"] = "ARR {0} vs {1} at start",
        ["growth.no-change"] = "no contract change",
        ["growth.recent-downgrade"] = "downgraded {0} days ago",
        [HealthEngine.WeightsChangedRule] = "its weight went from {1}% to {0}% of the score (another tier or policy)",
    };

    public static string Describe(ComponentResult result)
    {
        if (!result.HasData) return "no data";
        if (Templates.TryGetValue(result.Rule, out var template))
            return string.Format(CultureInfo.InvariantCulture, template, Format(result.Measure), Format(result.Reference));
        // relationship.<role>-departed | -unreachable | -unsubscribed | -lost
        if (result.Rule.StartsWith("relationship.", StringComparison.Ordinal))
        {
            var what = result.Rule["relationship.".Length..].Replace('-', ' ').Replace('_', ' ');
            return $"the {what} {Format(result.Measure)} days ago";
        }
        return result.Describe();
    }

    private static string Format(double value) =>
        Math.Round(value, value >= 100 ? 0 : 1).ToString("#,0.#", CultureInfo.InvariantCulture);
}
