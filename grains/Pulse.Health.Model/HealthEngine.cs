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
    [ThreadStatic] private static List<Alert>? _raised;
    [ThreadStatic] private static Contribution[]? _contributions;

    /// <summary>The rule of a contribution caused by a component's weight changing (tier or policy), not its evidence.</summary>
    public const string WeightsChangedRule = "weights-changed";

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

        // From the first live event on, the account's alerts are news; before it, its history only arms cooldowns.
        if (!e.Historical) s.LiveSince ??= now;
        var beforeEvent = Snapshot.Of(s);
        EventObserver.Observe(s, e, DayNumber.Of(e.Timestamp));
        LifecycleMachine.OnEvent(s, e, policy);
        if (e.Kind == EventKind.PageViewed && e.Timestamp < s.StartedAt.AddDays(AlertRules.NewUserDays)) s.EarlyPageViews++;
        s.EventsApplied++;
        var change = Recompute(s, beforeEvent, e, now, policy, isNew, suppressAlerts: e.Historical);
        if (elapsed is not { } passed) return change;
        return change with
        {
            ScoreBefore = scoreBefore,
            BandBefore = before.Band,
            StageBefore = before.Stage,
            FlagsBefore = before.Flags,
            ArrBefore = before.Arr,
            Alerts = passed.Alerts.Count == 0 ? change.Alerts : [.. passed.Alerts, .. change.Alerts],
            Explanation = change.Explanation ?? passed.Explanation,
        };
    }

    /// <summary>
    /// Time-driven evaluation (decay, inactivity, windows, an override expiring) at <paramref name="now"/>, with no
    /// event; also how an account picks up a new policy version. A new policy version raises no alerts: what it moves
    /// is the policy's doing, not news about the customer (conditions it makes true start their cooldown).
    /// </summary>
    public static HealthChange Evaluate(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        if (!s.HasBeenSeen) return HealthChange.Duplicate with { WasDuplicate = false };
        if (now < s.Clock) now = s.Clock;
        var policyChanged = s.PolicyVersion.Length > 0 && s.PolicyVersion != policy.Version;
        return Recompute(s, Snapshot.Of(s), null, now, policy, isNew: false, suppressAlerts: policyChanged,
            policyChanged ? "policy " + policy.Version : null);
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
        // A person's decision is not news about the customer: it raises no alerts.
        return Recompute(s, Snapshot.Of(s), null, now, policy, isNew: false, suppressAlerts: true,
            $"manual override to {Math.Round(scoreOverride.Score, 1)} by {scoreOverride.Author}: {scoreOverride.Reason} (until {scoreOverride.ExpiresAt:yyyy-MM-dd HH:mm}Z)");
    }

    /// <summary>Removes a manual override: the account shows its computed score again.</summary>
    public static HealthChange ClearOverride(AccountHealth s, DateTimeOffset now, string author, HealthPolicy policy)
    {
        if (!s.HasBeenSeen || s.Override is null) return HealthChange.Duplicate with { WasDuplicate = false };
        if (now < s.Clock) now = s.Clock;
        s.Override = null;
        return Recompute(s, Snapshot.Of(s), null, now, policy, isNew: false, suppressAlerts: true, "manual override removed by " + author);
    }

    private static HealthChange Recompute(AccountHealth s, Snapshot before, HealthEvent? trigger, DateTimeOffset now, HealthPolicy policy,
        bool isNew, bool suppressAlerts, string? cause = null)
    {
        s.Clock = now;
        s.UpdatedAt = now;
        var today = DayNumber.Of(now);
        s.Support.Prune(today);
        s.Engagement.Prune(today);
        DayLists.RemoveBefore(s.Payment.FailedDays, today - PaymentScorer.FailedWindowDays);

        // Scratch space reused per thread: Recompute is synchronous, so no other call can see it half-written.
        var results = _results ??= new ComponentResult[ComponentNames.Count];
        ScoreCalculator.ScoreComponents(s, now, policy, results);
        Span<double> oldComponents = stackalloc double[ComponentNames.Count];
        s.Components.CopyTo(oldComponents);
        for (var i = 0; i < results.Length; i++) s.Components[i] = results[i].Score;

        if (!s.TierFromTrait && s.Arr > 0) s.Tier = policy.TierForArr(s.Arr);
        var profile = policy.ProfileFor(s.Tier);
        var scoreBefore = s.Score;
        var oldWeights = s.LastWeights ?? profile.Weights;
        var oldUncapped = isNew ? ScoreCalculator.NoEvidenceScore : ScoreCalculator.Overall(oldComponents, oldWeights);
        var uncapped = ScoreCalculator.Overall(s.Components, profile);
        var evidence = RiskAssessor.Assess(s, now, policy);
        var cap = ScoreCaps.Binding(s, now, policy, evidence);
        var capBefore = s.CapId;
        s.CapId = cap is { } binding && uncapped > binding.Ceiling ? binding.Id : null;
        s.ComputedScore = s.CapId is not null ? cap!.Value.Ceiling : uncapped;
        s.LastWeights = profile.Weights;
        if (s.Override is { } manual && !manual.IsActiveAt(now))
        {
            s.Override = null;
            cause ??= $"manual override by {manual.Author} expired";
            suppressAlerts = true; // the score returning to the evidence is not news either
        }
        s.Score = s.Override?.Score ?? s.ComputedScore;
        s.History.Record(today, s.Score);
        // Hysteresis keeps a wobbling score in its band; a binding cap is a decision, not a wobble, so it sets the band
        // outright (a cap of 69 must not leave an account Green because 69 is within 3 points of 70).
        s.Band = s.CapId is not null && s.Override is null ? BandClassifier.Raw(s.Score, policy) : BandClassifier.Classify(s.Score, s.Band, policy);
        if (s.Band != before.Band) s.BandSince = now;
        s.RiskReasons = RiskAssessor.WithBand(evidence, s.Band);
        LifecycleMachine.OnEvaluate(s, now, policy);
        s.PolicyVersion = policy.Version;

        // Historical events evaluate the rules too, so conditions the history shows start their cooldown, but raise
        // nothing; so does time passing over an account that has had no live event yet (a replay's aftermath).
        suppressAlerts |= s.LiveSince is null;
        // Raised alerts collect in per-thread scratch (Recompute is synchronous); only a change that raised any allocates.
        var alerts = suppressAlerts ? null : (_raised ??= new List<Alert>(4));
        alerts?.Clear();
        // A band held for less than a day is not a fall worth an alert (a new account settling).
        var establishedBand = before.Band is not null && (now - before.BandSince).TotalDays >= 1 ? before.Band : null;
        AlertRules.Evaluate(s, trigger, establishedBand, before.Stage, now, policy, alerts, emit: !suppressAlerts);

        ExplanationEntry? entry = null;
        var manualAction = cause?.StartsWith("manual override", StringComparison.Ordinal) == true;
        if (isNew || Math.Abs(s.Score - scoreBefore) >= LedgerThreshold || manualAction)
        {
            // An override sets the shown score by hand: there are no component contributions to split it into.
            var contributions = s.Override is null && !manualAction
                ? Contributions(oldComponents, s.Components, results, oldWeights, profile, oldUncapped, uncapped,
                    CapEffect(s, capBefore, scoreBefore - oldUncapped, cap, s.Score - uncapped)) : [];
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
            Alerts = alerts is { Count: > 0 } ? alerts.ToArray() : [],
            Explanation = entry,
        };
    }

    /// <summary>
    /// What a cap did to this change: the cap's effect now minus its effect before (each the shown score minus the
    /// uncapped mean), charged to the component the cap belongs to. Null when no cap was or is involved.
    /// </summary>
    private static Contribution? CapEffect(AccountHealth s, string? capBefore, double effectBefore, BindingCap? cap, double effectNow)
    {
        var delta = effectNow - effectBefore;
        if (Math.Abs(delta) < 0.01) return null;
        var id = s.CapId ?? capBefore;
        if (id is null) return null;
        var ceiling = cap is { } c && c.Id == id ? c.Ceiling : s.Score;
        return new Contribution(ScoreCaps.ComponentOf(id), 0, delta, new ComponentResult(ceiling, "cap." + id, s.Score - effectNow, ceiling));
    }

    /// <summary>
    /// Splits a score change into per-component contributions that add up to it exactly. Both sides are written over
    /// the components that have data on either side, a component without data standing at that side's overall score
    /// (which leaves the weighted mean unchanged). Then a component contributes w·(after − before)/W: an unchanged
    /// component contributes nothing, and a component that gains data is charged with the whole difference its score
    /// makes, instead of the others being blamed for "renormalisation".
    /// </summary>
    private static Contribution[] Contributions(ReadOnlySpan<double> oldComponents, ReadOnlySpan<double> newComponents,
        ReadOnlySpan<ComponentResult> results, double[] oldWeights, TierProfile profile, double oldScore, double newScore, Contribution? capEffect)
    {
        // Collected in per-thread scratch and copied once into an array of the exact size the ledger keeps.
        var scratch = _contributions ??= new Contribution[2 * ComponentNames.Count];
        var count = 0;

        // When the weights themselves changed (another tier, a new policy version), first move the old components from
        // the old weights to the new ones: component i contributes x·(w'/W' − w/W) over the components that had data.
        if (!ReferenceEquals(oldWeights, profile.Weights) && !oldWeights.AsSpan().SequenceEqual(profile.Weights))
        {
            double oldTotal = 0, newTotal = 0;
            for (var i = 0; i < oldComponents.Length; i++)
            {
                if (double.IsNaN(oldComponents[i])) continue;
                oldTotal += oldWeights[i];
                newTotal += profile.Weights[i];
            }
            var middle = oldScore;
            if (oldTotal > 0)
            {
                middle = 0;
                for (var i = 0; i < oldComponents.Length; i++)
                {
                    if (double.IsNaN(oldComponents[i])) continue;
                    var oldShare = oldWeights[i] / oldTotal;
                    var newShare = newTotal > 0 ? profile.Weights[i] / newTotal : 0;
                    // With no new weight on any of them, the score falls back to NoEvidenceScore, shared as the old shares.
                    var delta = newTotal > 0 ? oldComponents[i] * (newShare - oldShare) : oldShare * (ScoreCalculator.NoEvidenceScore - oldComponents[i]);
                    middle += oldComponents[i] * oldShare + delta;
                    if (Math.Abs(delta) >= 0.01)
                        scratch[count++] = new Contribution((ComponentKind)i, 0, delta,
                            new ComponentResult(oldComponents[i], WeightsChangedRule, Math.Round(newShare * 100, 1), Math.Round(oldShare * 100, 1)));
                }
            }
            oldScore = middle;
        }

        double unionWeight = 0;
        for (var i = 0; i < newComponents.Length; i++)
            if (profile.Weights[i] > 0 && !(double.IsNaN(oldComponents[i]) && double.IsNaN(newComponents[i]))) unionWeight += profile.Weights[i];
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
            scratch[count++] = new Contribution((ComponentKind)i, componentDelta, scoreDelta, results[i]);
        }
        if (capEffect is { } capped) scratch[count++] = capped;
        if (count == 0) return [];
        var contributions = scratch.AsSpan(0, count).ToArray();
        // Largest effect first; insertion sort: at most seven, usually one or two.
        for (var i = 1; i < contributions.Length; i++)
            for (var j = i; j > 0 && Math.Abs(contributions[j].ScoreDelta) > Math.Abs(contributions[j - 1].ScoreDelta); j--)
                (contributions[j], contributions[j - 1]) = (contributions[j - 1], contributions[j]);
        return contributions;
    }

    private readonly record struct Snapshot(Band? Band, DateTimeOffset BandSince, LifecycleStage Stage, LifecycleFlags Flags, double Arr)
    {
        public static Snapshot Of(AccountHealth s) => new(s.Band, s.BandSince, s.Stage, s.Flags, s.Arr);
    }
}
