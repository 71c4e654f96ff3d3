using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model;

/// <summary>
/// The functional core's entry point: apply an event, or let time pass, and get back what changed.
/// No I/O and no clock: the caller passes the time. Deterministic for the same state, input and policy.
/// </summary>
public static class HealthEngine
{
    /// <summary>Score moves smaller than this are not written to the ledger (they are rounding noise).</summary>
    public const double LedgerThreshold = 0.05;

    [ThreadStatic] private static ComponentResult[]? _results;

    /// <param name="receivedAt">When the platform received the event: the day its messageId is remembered under.</param>
    public static HealthChange Apply(AccountHealth s, HealthEvent e, HealthPolicy policy, DateTimeOffset receivedAt)
    {
        var hash = MessageDeduplicator.Hash(e.MessageId);
        var receivedDay = DayNumber.Of(receivedAt);
        s.Seen.Expire(receivedDay);
        if (!s.Seen.TryAdd(hash, receivedDay)) return HealthChange.Duplicate;

        var isNew = !s.HasBeenSeen;
        // The account's clock never runs backwards: a late event is recorded on its own day, evaluated at "now".
        var now = e.Timestamp > s.Clock ? e.Timestamp : s.Clock;
        var before = Snapshot.Of(s);
        var scoreBefore = isNew ? ScoreCalculator.NoEvidenceScore : s.Score;

        // Time passing is a cause of its own: when the event moves the account's clock to a later day, evaluate at
        // the new time first, so the ledger tells "time passed" (windows moved on) apart from what the event did.
        HealthChange? elapsed = null;
        if (!isNew && DayNumber.Of(now) > DayNumber.Of(s.Clock))
            elapsed = Recompute(s, before, null, now, policy, isNew: false, suppressAlerts: e.Historical);

        var beforeEvent = Snapshot.Of(s);
        EventObserver.Observe(s, e, DayNumber.Of(e.Timestamp));
        LifecycleMachine.OnEvent(s, e, policy);
        if (e.Kind == EventKind.PageViewed && e.Timestamp < s.StartedAt.AddDays(AlertRules.NewUserDays)) s.EarlyPageViews++;
        s.EventsApplied++;
        var change = Recompute(s, beforeEvent, e, now, policy, isNew, suppressAlerts: e.Historical);
        if (elapsed is null) return change;
        return change with
        {
            ScoreBefore = scoreBefore,
            BandBefore = before.Band,
            StageBefore = before.Stage,
            FlagsBefore = before.Flags,
            ArrBefore = before.Arr,
            Alerts = elapsed.Alerts.Count == 0 ? change.Alerts : [.. elapsed.Alerts, .. change.Alerts],
            Explanation = change.Explanation ?? elapsed.Explanation,
        };
    }

    /// <summary>
    /// Time-driven evaluation (decay, inactivity, windows, an override expiring) at <paramref name="now"/>, with no
    /// event; also how an account picks up a new policy version.
    /// </summary>
    public static HealthChange Evaluate(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        if (!s.HasBeenSeen) return HealthChange.Duplicate with { WasDuplicate = false };
        if (now < s.Clock) now = s.Clock;
        var cause = s.PolicyVersion.Length > 0 && s.PolicyVersion != policy.Version ? "policy " + policy.Version : null;
        return Recompute(s, Snapshot.Of(s), null, now, policy, isNew: false, suppressAlerts: false, cause);
    }

    /// <summary>
    /// When time alone can next change the account: the start of the next day (every window, decay and deadline in the
    /// model is counted in days) or an override's expiry if that is sooner; null when nothing time-driven is left.
    /// </summary>
    public static DateTimeOffset? NextTimeDrivenChange(AccountHealth s, DateTimeOffset now)
    {
        if (!s.HasBeenSeen || s.Stage == LifecycleStage.Archived) return null;
        var next = DayNumber.Start(DayNumber.Of(now) + 1);
        return s.Override is { } o && o.ExpiresAt > now && o.ExpiresAt < next ? o.ExpiresAt : next;
    }

    /// <summary>Puts a person's override on the account's score (or replaces one); the ledger records who and why.</summary>
    public static HealthChange SetOverride(AccountHealth s, ScoreOverride scoreOverride, HealthPolicy policy)
    {
        if (!s.HasBeenSeen) return HealthChange.Duplicate with { WasDuplicate = false };
        var now = scoreOverride.SetAt > s.Clock ? scoreOverride.SetAt : s.Clock;
        s.Override = scoreOverride;
        return Recompute(s, Snapshot.Of(s), null, now, policy, isNew: false, suppressAlerts: false,
            $"manual override to {Math.Round(scoreOverride.Score, 1)} by {scoreOverride.Author}: {scoreOverride.Reason} (until {scoreOverride.ExpiresAt:yyyy-MM-dd HH:mm}Z)");
    }

    /// <summary>Removes a manual override: the account shows its computed score again.</summary>
    public static HealthChange ClearOverride(AccountHealth s, DateTimeOffset now, string author, HealthPolicy policy)
    {
        if (!s.HasBeenSeen || s.Override is null) return HealthChange.Duplicate with { WasDuplicate = false };
        if (now < s.Clock) now = s.Clock;
        s.Override = null;
        return Recompute(s, Snapshot.Of(s), null, now, policy, isNew: false, suppressAlerts: false, "manual override removed by " + author);
    }

    private static HealthChange Recompute(AccountHealth s, Snapshot before, HealthEvent? trigger, DateTimeOffset now, HealthPolicy policy,
        bool isNew, bool suppressAlerts, string? cause = null)
    {
        s.Clock = now;
        s.UpdatedAt = now;
        var today = DayNumber.Of(now);
        s.Support.Prune(today);
        s.Engagement.Prune(today);
        s.Payment.FailedDays.RemoveAll(d => d < today - PaymentScorer.FailedWindowDays);

        // Scratch space reused per thread: Recompute is synchronous, so no other call can see it half-written.
        var results = _results ??= new ComponentResult[ComponentNames.Count];
        ScoreCalculator.ScoreComponents(s, now, policy, results);
        Span<double> oldComponents = stackalloc double[ComponentNames.Count];
        s.Components.CopyTo(oldComponents);
        for (var i = 0; i < results.Length; i++) s.Components[i] = results[i].Score;

        if (!s.TierFromTrait && s.Arr > 0) s.Tier = policy.TierForArr(s.Arr);
        var profile = policy.ProfileFor(s.Tier);
        var scoreBefore = s.Score;
        s.ComputedScore = ScoreCalculator.Overall(s.Components, profile);
        if (s.Override is { } manual && !manual.IsActiveAt(now))
        {
            s.Override = null;
            cause ??= $"manual override by {manual.Author} expired";
        }
        s.Score = s.Override?.Score ?? s.ComputedScore;
        s.History.Record(today, s.Score);
        s.Band = BandClassifier.Classify(s.Score, s.Band, policy);
        if (s.Band != before.Band) s.BandSince = now;
        s.RiskReasons = RiskAssessor.Assess(s, now, policy);
        LifecycleMachine.OnEvaluate(s, now, policy);
        s.PolicyVersion = policy.Version;

        // Historical events evaluate the rules too, so conditions the history shows start their cooldown, but raise nothing.
        List<Alert>? alerts = suppressAlerts ? null : [];
        // A band held for less than a day is not a fall worth an alert (a new account settling).
        var establishedBand = before.Band is not null && (now - before.BandSince).TotalDays >= 1 ? before.Band : null;
        AlertRules.Evaluate(s, trigger, establishedBand, before.Stage, now, policy, alerts, emit: !suppressAlerts);

        ExplanationEntry? entry = null;
        var manualAction = cause?.StartsWith("manual override", StringComparison.Ordinal) == true;
        if (isNew || Math.Abs(s.Score - scoreBefore) >= LedgerThreshold || manualAction)
        {
            // An override sets the shown score by hand: there are no component contributions to split it into.
            var contributions = s.Override is null && !manualAction
                ? Contributions(oldComponents, s.Components, results, profile, isNew ? ScoreCalculator.NoEvidenceScore : scoreBefore, s.Score) : [];
            entry = new ExplanationEntry(now, trigger?.MessageId ?? ExplanationEntry.TimeEventId, trigger?.Name ?? cause ?? "time passed",
                policy.Version, isNew ? ScoreCalculator.NoEvidenceScore : scoreBefore, s.Score, contributions);
            s.Ledger.Add(entry);
        }

        return new HealthChange
        {
            IsNewAccount = isNew,
            ScoreBefore = isNew ? ScoreCalculator.NoEvidenceScore : scoreBefore,
            ScoreAfter = s.Score,
            BandBefore = isNew ? null : before.Band,
            BandAfter = s.Band.Value,
            StageBefore = before.Stage,
            StageAfter = s.Stage,
            FlagsBefore = before.Flags,
            FlagsAfter = s.Flags,
            ArrBefore = before.Arr,
            ArrAfter = s.Arr,
            Alerts = alerts is { Count: > 0 } ? alerts : [],
            Explanation = entry,
        };
    }

    /// <summary>
    /// Splits a score change into per-component contributions that add up to it exactly. Both sides are written over
    /// the components that have data on either side, a component without data standing at that side's overall score
    /// (which leaves the weighted mean unchanged). Then a component contributes w·(after − before)/W: an unchanged
    /// component contributes nothing, and a component that gains data is charged with the whole difference its score
    /// makes, instead of the others being blamed for "renormalisation".
    /// </summary>
    private static Contribution[] Contributions(ReadOnlySpan<double> oldComponents, ReadOnlySpan<double> newComponents,
        ReadOnlySpan<ComponentResult> results, TierProfile profile, double oldScore, double newScore)
    {
        double unionWeight = 0;
        for (var i = 0; i < newComponents.Length; i++)
            if (profile.Weights[i] > 0 && !(double.IsNaN(oldComponents[i]) && double.IsNaN(newComponents[i]))) unionWeight += profile.Weights[i];
        if (unionWeight == 0) return [];

        var list = new List<Contribution>(2);
        for (var i = 0; i < newComponents.Length; i++)
        {
            var oldValue = oldComponents[i];
            var newValue = newComponents[i];
            if (profile.Weights[i] <= 0 || (double.IsNaN(oldValue) && double.IsNaN(newValue))) continue;
            var before = double.IsNaN(oldValue) ? oldScore : oldValue;
            var after = double.IsNaN(newValue) ? newScore : newValue;
            var scoreDelta = profile.Weights[i] * (after - before) / unionWeight;
            if (Math.Abs(scoreDelta) < 0.01) continue;
            var componentDelta = double.IsNaN(oldValue) || double.IsNaN(newValue) ? double.NaN : newValue - oldValue;
            var rule = results[i].HasData ? results[i].Describe() : "no data any more";
            list.Add(new Contribution((ComponentKind)i, componentDelta, scoreDelta, rule));
        }
        list.Sort((a, b) => Math.Abs(b.ScoreDelta).CompareTo(Math.Abs(a.ScoreDelta)));
        return [.. list];
    }

    private readonly record struct Snapshot(Band? Band, DateTimeOffset BandSince, LifecycleStage Stage, LifecycleFlags Flags, double Arr)
    {
        public static Snapshot Of(AccountHealth s) => new(s.Band, s.BandSince, s.Stage, s.Flags, s.Arr);
    }
}
