using System.Globalization;
using System.Runtime.CompilerServices;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Alerts;

/// <summary>
/// Risk and opportunity rules (docs/health-model.md, "Alerts"), each with per-tier settings and a per-account cooldown
/// (<see cref="AlertRuleCatalog"/> lists them with their defaults and sources). Conditions are checked after scoring.
/// Rule ids are stable: the wall, the policy document and tests refer to them.
/// </summary>
public static class AlertRules
{
    public const string UsageDrop = "usage-drop";
    public const string KeyFeatureDecline = "key-feature-decline";
    public const string Inactive = "inactive-60-days";
    public const string NewUserFizzle = "new-user-fizzle";
    public const string ValueMilestoneOverdue = "value-milestone-overdue";
    public const string SupportSurge = "support-surge";
    public const string AgedCriticalAndOverdue = "aged-critical-and-overdue";
    public const string Detractor = "detractor";
    public const string PaymentOverdue = "payment-overdue";
    public const string PaymentFailed = "payment-failed";
    public const string BandDrop = "band-drop";
    public const string ScoreFall = "score-fall-30-days";
    public const string Outages = "outages";
    public const string OnboardingSla = "onboarding-sla-slip";
    public const string RenewalAtRisk = "renewal-at-risk";
    public const string Cancellation = "cancellation";
    public const string Downgrade = "downgrade";
    public const string UpsellSeats = "upsell-seats";
    public const string KeyContactLost = "sponsor-champion-loss";
    public const string AdvocacyAsk = "advocacy-ask";

    /// <summary>
    /// Rules raised by one event or transition (news in themselves). A historical occurrence does not start their
    /// cooldown: a live failed payment after a backfilled one is still news.
    /// </summary>
    private static bool IsEventRule(string rule) => rule is PaymentFailed or Detractor or Downgrade or KeyContactLost or Cancellation or Inactive;

    /// <summary>Days in which a new account's page views are counted for the new-user fizzle rule (book L3647).</summary>
    public const int NewUserDays = 7;

    /// <param name="trigger">The event being applied, or null for a time-driven evaluation.</param>
    /// <param name="emit">
    /// False for historical events: nothing is raised, but conditions that hold (usage drop, surge, seats…) start their
    /// cooldown. A backfill thus fires no live alerts, and the first live event after it does not raise every
    /// condition the history already showed (the last session saw ~9,000 alerts in the demo's first live seconds):
    /// what the ops wall needs is news, not a replay's backlog.
    /// </param>
    public static void Evaluate(AccountHealth s, HealthEvent? trigger, Band? bandBefore, LifecycleStage stageBefore,
        DateTimeOffset now, HealthPolicy policy, List<Alert>? raised, bool emit = true)
    {
        var ctx = new Context(s, now, RuleTable.For(policy, s.Tier), raised, emit);
        var today = DayNumber.Of(now);
        var profile = policy.ProfileFor(s.Tier);
        var active = LifecycleMachine.IsActive(s.Stage);

        if (active && ctx.Rule(UsageDrop) is { Enabled: true } usageDrop
            && AdoptionScorer.BaselineRatio(s, today, out var recent, out var baseline) is var ratio
            && !double.IsNaN(ratio) && ratio <= 1 - usageDrop.Threshold)
            ctx.Raise(UsageDrop, $"Usage down {Percent(1 - ratio)} vs own baseline ({Num(recent)} vs {Num(baseline)} active days per 30)");

        if (active && ctx.Rule(KeyFeatureDecline) is { Enabled: true } keyDecline
            && s.Activity.KeyFeatureDecline(today) is var decline && decline > keyDecline.Threshold
            && (s.Voice.LastNps is not { } lastNps || lastNps <= policy.DetractorMax))
            ctx.Raise(KeyFeatureDecline, $"Key-feature use down {Percent(decline)} over half a year, and the last survey was {(s.Voice.LastNps is { } n ? "a detractor (NPS " + Num(n) + ")" : "not answered")}");

        if (s.Stage == LifecycleStage.Dormant && stageBefore != LifecycleStage.Dormant)
            ctx.Raise(Inactive, $"No product activity for {profile.DormantAfterDays} days: now Dormant");

        if (active && s.Started && ctx.Rule(NewUserFizzle) is { Enabled: true } fizzle
            && now >= s.StartedAt.AddDays(NewUserDays) && now < s.StartedAt.AddDays(2 * NewUserDays) && s.EarlyPageViews < fizzle.Threshold)
            ctx.Raise(NewUserFizzle, $"Only {s.EarlyPageViews} page views in the first {NewUserDays} days: send tips and the getting-started video");

        if (active && s.Started && s.FirstValueAt is null && (now - s.StartedAt).TotalDays > profile.ValueMilestoneDays)
            ctx.Raise(ValueMilestoneOverdue, $"No value milestone {Num((now - s.StartedAt).TotalDays)} days after start (expected by day {profile.ValueMilestoneDays})");

        if (active && ctx.Rule(SupportSurge) is { Enabled: true } surge)
        {
            var week = SupportLog.CountSince(s.Support.OpenedDays, today - 6);
            var month = SupportLog.CountSince(s.Support.OpenedDays, today - 29);
            if (week >= surge.Threshold || month > profile.SupportTicketsPer30Danger)
                ctx.Raise(SupportSurge, $"Support surge: {week} tickets in 7 days, {month} in 30");
        }

        var overdue = s.Payment.WorstOverdueDays(now);
        var agedCritical = s.Support.OldestCriticalAgeDays(today);
        if (active && agedCritical > policy.AgedCriticalTicketDays && overdue > policy.SevereOverdueDays)
            ctx.Raise(AgedCriticalAndOverdue, $"A P1/P2 ticket open {agedCritical} days and an invoice {overdue} days overdue: this week's priority");
        if (active && ctx.Rule(PaymentOverdue) is { Enabled: true } overdueRule && overdue > overdueRule.Threshold)
            ctx.Raise(PaymentOverdue, $"Invoice {overdue} days overdue");
        if (trigger is { Kind: EventKind.PaymentFailed })
            ctx.Raise(PaymentFailed, $"Payment failed on invoice {trigger.InvoiceId}");

        if (trigger is { Kind: EventKind.NpsSubmitted, Score: { } nps } && ctx.Rule(Detractor) is { Enabled: true } detractor && nps <= detractor.Threshold)
            ctx.Raise(Detractor, $"Detractor (NPS {Num(nps)}){(s.Score < policy.GreenFrom ? " with health " + Num(s.Score) + " < " + Num(policy.GreenFrom) + ": personal call" : ": follow up")}");

        if (trigger is { Kind: EventKind.ContactRoleChanged or EventKind.EmailUnsubscribed } && RiskAssessor.KeyContactLost(s, now) is { } lostRole)
            ctx.Raise(KeyContactLost, $"The {lostRole} {s.Relationship.Contacts[lostRole].Status.ToString().ToLowerInvariant()}: talk to them now and build new contacts");

        if (bandBefore is { } before && s.Band is { } after && after < before)
            ctx.Raise(BandDrop, $"Band dropped {before} → {after} (score {Num(s.Score)})");
        // The history keeps the evidence's level (before trend, caps and overrides): the fall is the customer's, not a policy's.
        if (ctx.Rule(ScoreFall) is { Enabled: true } fall && s.History.ScoreOn(today) is { } level
            && s.History.Delta(today, 30, level) is { } delta30 && delta30 <= -fall.Threshold)
            ctx.Raise(ScoreFall, $"Health fell {Num(-delta30)} points in 30 days (score now {Num(s.Score)})");

        if (active && ctx.Rule(Outages) is { Enabled: true } outages
            && SupportLog.CountSince(s.Support.OutageDays, today - 29) is var outageCount && outageCount >= outages.Threshold)
            ctx.Raise(Outages, $"{outageCount} outages in 30 days: send proactive updates");

        if (s.Flags.HasFlag(LifecycleFlags.OnboardingSlaBreached))
            ctx.Raise(OnboardingSla, $"Not live {policy.OnboardingSlaDays / 7} weeks after start: onboarding SLA slipped");
        if (s.Flags.HasFlag(LifecycleFlags.AtRisk) && s.Flags.HasFlag(LifecycleFlags.InRenewalWindow))
            ctx.Raise(RenewalAtRisk, $"At risk ({string.Join(", ", RiskReasonNames.Of(s.RiskReasons))}) with renewal on {s.RenewalDate:yyyy-MM-dd}");
        if (s.Stage == LifecycleStage.Churned && stageBefore != LifecycleStage.Churned)
            ctx.Raise(Cancellation, $"Churned: {s.StageCause}");
        if (trigger is { Kind: EventKind.ContractChanged } && string.Equals(trigger.Change, "downgrade", StringComparison.OrdinalIgnoreCase))
            ctx.Raise(Downgrade, $"Downgrade: partial churn");

        if (active && ctx.Rule(UpsellSeats) is { Enabled: true } upsell && LifecycleMachine.SeatsAbove(s, upsell.Threshold))
            ctx.Raise(UpsellSeats, $"{s.SeatsActive} of {s.SeatsPurchased} seats active: upsell");
        if (active && ctx.Rule(AdvocacyAsk) is { Enabled: true } ask && s.Score > ask.Threshold && s.Support.Open.Count == 0
            && !(s.LastAdvocacyAt is { } advocated && (now - advocated).TotalDays < 365))
            ctx.Raise(AdvocacyAsk, $"Health {Num(s.Score)}, no open ticket and no review in 12 months: ask for a review");
    }

    /// <summary>What one evaluation shares: the account, the time, the policy and where raised alerts go.</summary>
    private readonly struct Context(AccountHealth s, DateTimeOffset now, RuleTable rules, List<Alert>? raised, bool emit)
    {
        public ResolvedRule Rule(string rule) => rules[rule];

        /// <summary>Enabled for this tier and out of its cooldown on this account.</summary>
        public bool Ready(string rule)
        {
            var settings = rules[rule];
            if (!settings.Enabled) return false;
            return !(s.AlertCooldowns.TryGetValue(rule, out var last) && now >= last && (now - last).TotalDays < settings.CooldownDays);
        }

        /// <summary>
        /// Raises the rule if it is <see cref="Ready"/>. The message is an interpolated-string handler, so a rule in
        /// cooldown formats nothing: the per-event path allocates no message for a condition that keeps holding.
        /// </summary>
        public void Raise(string rule, [InterpolatedStringHandlerArgument("", "rule")] AlertMessage message)
        {
            if (!message.Ready) return;
            if (!emit && IsEventRule(rule)) return;
            s.AlertCooldowns[rule] = now;
            if (!emit) return;
            var alert = new Alert(rule, AlertRuleCatalog.Get(rule).Kind, message.ToStringAndClear(), now);
            if (s.RecentAlerts.Count == AccountHealth.MaxRecentAlerts) s.RecentAlerts.Dequeue();
            s.RecentAlerts.Enqueue(alert);
            raised?.Add(alert);
        }
    }

    /// <summary>An alert message that is only formatted when its rule will actually fire.</summary>
    [InterpolatedStringHandler]
    private ref struct AlertMessage
    {
        private DefaultInterpolatedStringHandler _text;
        public readonly bool Ready;

        public AlertMessage(int literalLength, int formattedCount, Context context, string rule, out bool shouldAppend)
        {
            Ready = shouldAppend = context.Ready(rule);
            _text = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);
        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);
        public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);
        public string ToStringAndClear() => _text.ToStringAndClear();
    }

    private static string Num(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
    private static string Percent(double value) => Math.Round(value * 100).ToString(CultureInfo.InvariantCulture) + "%";
}
