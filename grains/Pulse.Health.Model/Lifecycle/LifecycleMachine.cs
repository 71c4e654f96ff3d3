using Pulse.Health.Model.Events;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Lifecycle;

/// <summary>
/// The lifecycle stage machine of docs/health-model.md (transitions from digest-001 §7.3). Every transition records its cause.
/// Event-driven transitions run in <see cref="OnEvent"/>; time- and health-driven ones in <see cref="OnEvaluate"/>.
/// </summary>
public static class LifecycleMachine
{
    /// <summary>After a downgrade, busy seats alone do not make the account Expanding again for this long (design).</summary>
    public const int DowngradeHoldDays = 90;

    public static bool IsActive(LifecycleStage stage) => stage is LifecycleStage.Onboarding or LifecycleStage.Adopting
        or LifecycleStage.Established or LifecycleStage.Expanding or LifecycleStage.Advocate;

    public static void OnEvent(AccountHealth s, HealthEvent e, HealthPolicy policy)
    {
        var t = e.Timestamp;
        if (!s.Started)
        {
            s.Started = true;
            s.StartedAt = t;
            MoveTo(s, LifecycleStage.Onboarding, t, "first event: " + e.Name);
        }

        switch (e.Kind)
        {
            case EventKind.ContractSigned:
                if (s.Stage is LifecycleStage.Churned or LifecycleStage.Archived)
                {
                    s.StartedAt = t;
                    s.GoLiveAt = null;
                    s.FirstValueAt = null; // a new lifecycle measures its own time-to-value
                    s.GoLiveInferred = s.FirstValueInferred = false;
                    s.EarlyPageViews = 0;
                    MoveTo(s, LifecycleStage.Onboarding, t, "win-back: Contract Signed");
                }
                else if (s.Stage == LifecycleStage.Onboarding && s.GoLiveAt is null && t > s.StartedAt)
                {
                    // The onboarding SLA runs from signature (book L3625).
                    s.StartedAt = t;
                }
                break;
            case EventKind.GoLiveCompleted:
                // An explicit go-live wins over one inferred from usage: it dates the go-live.
                if (s.GoLiveAt is null || s.GoLiveInferred) { s.GoLiveAt = t; s.GoLiveInferred = false; }
                if (s.Stage == LifecycleStage.Onboarding) MoveTo(s, LifecycleStage.Adopting, t, "Go Live Completed");
                break;
            case EventKind.MilestoneReached when IsValueMilestone(e.Milestone):
                if (s.FirstValueAt is null || s.FirstValueInferred) { s.FirstValueAt = t; s.FirstValueInferred = false; }
                if (s.Stage is LifecycleStage.Onboarding or LifecycleStage.Adopting)
                    MoveTo(s, LifecycleStage.Established, t, "value milestone: " + e.Milestone);
                break;
            case EventKind.ContractChanged when IsChange(e.Change, "upgrade"):
                if (s.Stage is LifecycleStage.Adopting or LifecycleStage.Established or LifecycleStage.Advocate)
                    MoveTo(s, LifecycleStage.Expanding, t, "Contract Changed: upgrade");
                break;
            case EventKind.ContractChanged when IsChange(e.Change, "downgrade"):
                s.LastDowngradeAt = t;
                if (s.Stage is LifecycleStage.Expanding or LifecycleStage.Advocate)
                    MoveTo(s, LifecycleStage.Established, t, "Contract Changed: downgrade");
                break;
            case EventKind.RenewalClosed when IsLostRenewal(e.Outcome):
                if (s.Stage is not (LifecycleStage.Churned or LifecycleStage.Archived))
                    MoveTo(s, LifecycleStage.Churned, t, "Renewal Closed: " + e.Outcome);
                break;
            case EventKind.RenewalClosed when IsChange(e.Outcome, "expanded"):
                if (IsActive(s.Stage) && s.Stage != LifecycleStage.Expanding) MoveTo(s, LifecycleStage.Expanding, t, "Renewal Closed: expanded");
                break;
            case EventKind.SubscriptionCancelled:
                if (s.Stage is not (LifecycleStage.Churned or LifecycleStage.Archived))
                    MoveTo(s, LifecycleStage.Churned, t, "Subscription Cancelled" + (e.Reason is null ? "" : ": " + e.Reason));
                break;
        }

        if (EventCatalog.IsProductActivity(e.Kind))
        {
            if (s.Stage == LifecycleStage.Dormant)
                MoveTo(s, s.StageBeforeDormant, t, "activity resumed: " + e.Name);
            else if (s.Stage == LifecycleStage.Onboarding && s.Tier == TouchTier.B2C && e.Kind == EventKind.SessionStarted)
                // B2C has no go-live project: the first session is the account going live (digest-001 §7.3).
                MoveTo(s, LifecycleStage.Adopting, t, "first session (B2C)");
        }
    }

    /// <summary>Transitions that depend on time passing and on sustained health; runs after scoring.</summary>
    public static void OnEvaluate(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        if (!s.Started) return;
        var profile = policy.ProfileFor(s.Tier);
        TrackSustainedHealth(s, now, policy);
        InferFromUsage(s, now, policy, profile);

        var lastActive = s.Activity.HasActivity ? DayNumber.Start(s.Activity.LastDay + 1) : s.StartedAt;
        if (lastActive < s.StartedAt) lastActive = s.StartedAt; // activity from before a win-back does not count as idleness
        var idleDays = (now - lastActive).TotalDays;

        switch (s.Stage)
        {
            case var stage when IsActive(stage) && idleDays >= profile.DormantAfterDays:
                s.StageBeforeDormant = stage == LifecycleStage.Advocate ? LifecycleStage.Established : stage;
                MoveTo(s, LifecycleStage.Dormant, now, $"no product activity for {profile.DormantAfterDays} days");
                break;
            case LifecycleStage.Adopting when s.HealthySince is { } healthy && (now - healthy).TotalDays >= policy.SustainedHealthDays:
                MoveTo(s, LifecycleStage.Established, now, $"health ≥{policy.GreenFrom} for {policy.SustainedHealthDays} days");
                if (s.FirstValueAt is null) { s.FirstValueAt = now; s.FirstValueInferred = true; }
                break;
            case LifecycleStage.Established when SeatsAbove(s, policy.SeatsUpsellRatio)
                && !(s.LastDowngradeAt is { } downgraded && (now - downgraded).TotalDays < DowngradeHoldDays):
                MoveTo(s, LifecycleStage.Expanding, now, $"more than {policy.SeatsUpsellRatio:P0} of seats active");
                break;
            case LifecycleStage.Established or LifecycleStage.Expanding
                when s.AdvocateLevelSince is { } since && (now - since).TotalDays >= policy.SustainedAdvocateDays
                     && s.LastAdvocacyAt is { } advocacy && (now - advocacy).TotalDays <= 365:
                MoveTo(s, LifecycleStage.Advocate, now, $"health ≥{policy.AdvocateFrom} for {policy.SustainedAdvocateDays} days and advocacy in the last year");
                break;
            case LifecycleStage.Advocate when s.Score < policy.AdvocateFrom - 5:
                MoveTo(s, LifecycleStage.Established, now, $"health below {policy.AdvocateFrom - 5}");
                break;
            case LifecycleStage.Churned when (now - s.StageSince).TotalDays >= policy.ArchiveAfterChurnedDays:
                MoveTo(s, LifecycleStage.Archived, now, $"churned for {policy.ArchiveAfterChurnedDays} days");
                break;
        }

        var flags = LifecycleFlags.None;
        if (IsActive(s.Stage) && RiskAssessor.IsAtRisk(s, policy)) flags |= LifecycleFlags.AtRisk;
        if (now < s.StartedAt.AddDays(policy.First90Days)) flags |= LifecycleFlags.First90Days;
        if (s.RenewalDate is { } renewal && IsActive(s.Stage) && now >= renewal.AddDays(-policy.RenewalWindowDays) && now < renewal.AddDays(1))
            flags |= LifecycleFlags.InRenewalWindow;
        if (IsSlaBreached(s, now, policy)) flags |= LifecycleFlags.OnboardingSlaBreached;
        s.Flags = flags;
    }

    /// <summary>
    /// The onboarding SLA (8 weeks from signature, book L3625) judges whether value arrived in time, not whether a
    /// particular event was sent: breached while an onboarding or adopting B2B account has no first value, explicit or
    /// inferred from usage (<see cref="InferFromUsage"/>), past the deadline.
    /// </summary>
    public static bool IsSlaBreached(AccountHealth s, DateTimeOffset now, HealthPolicy policy) =>
        s.Stage is LifecycleStage.Onboarding or LifecycleStage.Adopting && s.FirstValueAt is null && s.Tier != TouchTier.B2C
        && now > s.StartedAt.AddDays(policy.OnboardingSlaDays);

    /// <summary>
    /// Go-live and first value from sustained use, for the pipelines (most of them) that never send <c>Go Live
    /// Completed</c> or a value milestone. Explicit events still win: they set the dates first, and replace inferred ones.
    /// Inference only moves an account forward, and only counts activity since the lifecycle started (a win-back starts
    /// afresh). The stage's cause says "inferred from usage: …" with the evidence.
    /// </summary>
    private static void InferFromUsage(AccountHealth s, DateTimeOffset now, HealthPolicy policy, TierProfile profile)
    {
        if (s.Stage is not (LifecycleStage.Onboarding or LifecycleStage.Adopting) || !s.Activity.HasActivity) return;
        var today = DayNumber.Of(now);
        var since = DayNumber.Of(s.StartedAt);
        if (s.GoLiveAt is null && s.Stage == LifecycleStage.Onboarding)
        {
            var days = s.Activity.ActiveDays(Math.Max(since, today - profile.GoLiveWindowDays + 1), today);
            if (days >= profile.GoLiveActiveDays)
            {
                s.GoLiveAt = now;
                s.GoLiveInferred = true;
                MoveTo(s, LifecycleStage.Adopting, now, $"inferred from usage: live after {days} active days in {profile.GoLiveWindowDays}");
            }
        }
        if (s.FirstValueAt is null && ValueEvidence(s, today, since, policy, profile) is { } evidence)
        {
            if (s.GoLiveAt is null) { s.GoLiveAt = now; s.GoLiveInferred = true; }
            s.FirstValueAt = now;
            s.FirstValueInferred = true;
            MoveTo(s, LifecycleStage.Established, now, "inferred from usage: first value after " + evidence);
        }
    }

    /// <summary>The sustained use that counts as first value, as text for the stage's cause, or null while there is none.</summary>
    /// <remarks>Runs on every evaluation of an onboarding or adopting account: it decides first and formats text only on success.</remarks>
    private static string? ValueEvidence(AccountHealth s, int today, int since, HealthPolicy policy, TierProfile profile)
    {
        var from = Math.Max(since, today - 29);
        var days = s.Activity.ActiveDays(from, today);
        if (days < profile.ValueActiveDays) return null;
        // Only where the pipeline marks key features at all: an unmarked stream cannot show the first key action.
        var marksKeys = s.Activity.KeyFeatures.Count > 0;
        var keys = marksKeys ? s.Activity.KeyFeaturesUsedSince(from) : 0;
        if (marksKeys && keys < 1) return null;
        var seatsKnown = s.SeatsPurchased is > 0 && s.SeatsActive is not null;
        if (seatsKnown && s.SeatsActive!.Value < policy.SeatsLowRatio * s.SeatsPurchased!.Value) return null;
        return $"{days} active days in 30"
            + (marksKeys ? $", {keys} key feature{(keys == 1 ? "" : "s")}" : "")
            + (seatsKnown ? $", {s.SeatsActive} of {s.SeatsPurchased} seats active" : "");
    }

    public static bool SeatsAbove(AccountHealth s, double ratio) =>
        s.SeatsPurchased is > 0 && s.SeatsActive is { } active && (double)active / s.SeatsPurchased.Value > ratio;

    private static void TrackSustainedHealth(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        if (s.Score >= policy.GreenFrom) s.HealthySince ??= now; else s.HealthySince = null;
        if (s.Score >= policy.AdvocateFrom) s.AdvocateLevelSince ??= now; else s.AdvocateLevelSince = null;
    }

    private static void MoveTo(AccountHealth s, LifecycleStage stage, DateTimeOffset at, string cause)
    {
        if (s.Stage == stage && s.StageCause.Length > 0) return;
        s.Stage = stage;
        s.StageSince = at;
        s.StageCause = cause;
    }

    private static bool IsValueMilestone(string? milestone) =>
        milestone is not null && (milestone.Equals("first_value", StringComparison.OrdinalIgnoreCase)
            || milestone.Equals("value", StringComparison.OrdinalIgnoreCase)
            || milestone.Equals("first-value", StringComparison.OrdinalIgnoreCase));

    private static bool IsChange(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsLostRenewal(string? outcome) =>
        outcome is not null && (IsChange(outcome, "churned") || IsChange(outcome, "not_renewed") || IsChange(outcome, "lost") || IsChange(outcome, "cancelled"));
}
