using System.Globalization;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Alerts;

/// <summary>
/// Risk and opportunity rules (DESIGN §4 "Alerts"), each with a per-account cooldown. Conditions are checked after
/// scoring; <c>historical</c> events never fire alerts. Rule ids are stable: the wall and tests refer to them.
/// </summary>
public static class AlertRules
{
    public const string UsageDrop = "usage-drop";
    public const string Inactive = "inactive-60-days";
    public const string SupportSurge = "support-surge";
    public const string Detractor = "detractor";
    public const string PaymentOverdue = "payment-overdue";
    public const string PaymentFailed = "payment-failed";
    public const string BandDrop = "band-drop";
    public const string OnboardingSla = "onboarding-sla-slip";
    public const string RenewalAtRisk = "renewal-at-risk";
    public const string Cancellation = "cancellation";
    public const string Downgrade = "downgrade";
    public const string UpsellSeats = "upsell-seats";
    public const string KeyContactLost = "sponsor-champion-loss";
    public const string AdvocacyAsk = "advocacy-ask";

    /// <param name="trigger">The event being applied, or null for a time-driven evaluation.</param>
    public static void Evaluate(AccountHealth s, HealthEvent? trigger, Band? bandBefore, LifecycleStage stageBefore,
        DateTimeOffset now, HealthPolicy policy, List<Alert> raised)
    {
        var today = DayNumber.Of(now);
        var profile = policy.ProfileFor(s.Tier);
        var active = LifecycleMachine.IsActive(s.Stage);

        if (active && RiskAssessor.UsageDropped(s, today, policy))
        {
            AdoptionScorer.BaselineRatio(s, today, out var recent, out var baseline);
            Raise(s, UsageDrop, AlertKind.Risk, now, policy, raised,
                $"Usage down {Percent(1 - recent / baseline)} vs own baseline ({Num(recent)} vs {Num(baseline)} active days per 30)");
        }
        if (s.Stage == LifecycleStage.Dormant && stageBefore != LifecycleStage.Dormant)
            Raise(s, Inactive, AlertKind.Risk, now, policy, raised, $"No product activity for {profile.DormantAfterDays} days: now Dormant");
        if (active && RiskAssessor.SupportSurging(s, today, policy, profile))
            Raise(s, SupportSurge, AlertKind.Risk, now, policy, raised,
                $"Support surge: {SupportLog.CountSince(s.Support.OpenedDays, today - 6)} tickets in 7 days, {SupportLog.CountSince(s.Support.OpenedDays, today - 29)} in 30");
        if (trigger is { Kind: EventKind.NpsSubmitted, Score: { } nps } && nps <= policy.DetractorMax)
            Raise(s, Detractor, AlertKind.Risk, now, policy, raised, s.Score < policy.GreenFrom
                ? $"Detractor (NPS {Num(nps)}) with health {Num(s.Score)} < {Num(policy.GreenFrom)}: personal call"
                : $"Detractor (NPS {Num(nps)}): follow up");
        var overdue = s.Payment.WorstOverdueDays(now);
        if (active && overdue > policy.SevereOverdueDays)
            Raise(s, PaymentOverdue, AlertKind.Risk, now, policy, raised, $"Invoice {overdue} days overdue");
        if (trigger is { Kind: EventKind.PaymentFailed })
            Raise(s, PaymentFailed, AlertKind.Risk, now, policy, raised, $"Payment failed on invoice {trigger.InvoiceId}");
        if (bandBefore is { } before && s.Band is { } after && after < before)
            Raise(s, BandDrop, AlertKind.Risk, now, policy, raised, $"Band dropped {before} → {after} (score {Num(s.Score)})");
        if (s.Flags.HasFlag(LifecycleFlags.OnboardingSlaBreached))
            Raise(s, OnboardingSla, AlertKind.Risk, now, policy, raised, $"Not live {policy.OnboardingSlaDays / 7} weeks after start: onboarding SLA slipped");
        if (s.Flags.HasFlag(LifecycleFlags.AtRisk) && s.Flags.HasFlag(LifecycleFlags.InRenewalWindow))
            Raise(s, RenewalAtRisk, AlertKind.Risk, now, policy, raised,
                $"At risk ({string.Join(", ", RiskReasonNames.Of(s.RiskReasons))}) with renewal on {s.RenewalDate:yyyy-MM-dd}");
        if (s.Stage == LifecycleStage.Churned && stageBefore != LifecycleStage.Churned)
            Raise(s, Cancellation, AlertKind.Risk, now, policy, raised, "Churned: " + s.StageCause);
        if (trigger is { Kind: EventKind.ContractChanged } && string.Equals(trigger.Change, "downgrade", StringComparison.OrdinalIgnoreCase))
            Raise(s, Downgrade, AlertKind.Risk, now, policy, raised, "Downgrade: partial churn");

        if (trigger is { Kind: EventKind.ContactRoleChanged or EventKind.EmailUnsubscribed } && RiskAssessor.KeyContactLost(s, now) is { } lostRole)
            Raise(s, KeyContactLost, AlertKind.Risk, now, policy, raised,
                $"The {lostRole} {s.Relationship.Contacts[lostRole].Status.ToString().ToLowerInvariant()}: talk to them now and build new contacts");

        if (active && LifecycleMachine.SeatsAbove(s, policy.SeatsUpsellRatio))
            Raise(s, UpsellSeats, AlertKind.Opportunity, now, policy, raised,
                $"{s.SeatsActive} of {s.SeatsPurchased} seats active: upsell");
        if (active && s.Score > policy.AdvocateFrom && s.Support.Open.Count == 0)
            Raise(s, AdvocacyAsk, AlertKind.Opportunity, now, policy, raised, $"Health {Num(s.Score)} and no open ticket: ask for a review");
    }

    private static void Raise(AccountHealth s, string rule, AlertKind kind, DateTimeOffset now, HealthPolicy policy, List<Alert> raised, string message)
    {
        if (s.AlertCooldowns.TryGetValue(rule, out var last) && (now - last).TotalDays < policy.AlertCooldownDays) return;
        s.AlertCooldowns[rule] = now;
        var alert = new Alert(rule, kind, message, now);
        if (s.RecentAlerts.Count == AccountHealth.MaxRecentAlerts) s.RecentAlerts.Dequeue();
        s.RecentAlerts.Enqueue(alert);
        raised.Add(alert);
    }

    private static string Num(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
    private static string Percent(double value) => Math.Round(value * 100).ToString(CultureInfo.InvariantCulture) + "%";
}
