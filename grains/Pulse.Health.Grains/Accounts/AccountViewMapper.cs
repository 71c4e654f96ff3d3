using Pulse.Health.Contracts;
using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.State;

namespace Pulse.Health.Grains.Accounts;

/// <summary>Turns the model's state into the wire views the read API and the wall show.</summary>
public static class AccountViewMapper
{
    public static AccountView ToView(AccountHealth s)
    {
        var components = new Dictionary<string, double?>(ComponentNames.Count);
        for (var i = 0; i < s.Components.Length; i++)
            components[ComponentNames.Of((ComponentKind)i)] = double.IsNaN(s.Components[i]) ? null : Round(s.Components[i]);
        return new AccountView
        {
            AccountId = s.AccountId,
            Name = s.Name,
            Score = Round(s.Score),
            Band = s.Band ?? Model.Scoring.Band.Yellow,
            Stage = s.Stage.ToString(),
            Flags = FlagNames(s),
            Components = components,
            EventsApplied = s.EventsApplied,
            UpdatedAt = s.UpdatedAt,
            Arr = s.Arr,
            Tier = Model.Events.TouchTierNames.Name(s.Tier),
            Plan = s.Plan,
            Explanation = s.Ledger.Recent().Select(ToView).ToArray(),
            Alerts = s.RecentAlerts.Reverse().Select(a => ToView(s, a)).ToArray(),
            PolicyVersion = s.PolicyVersion,
            LastActivityAt = s.Activity.HasActivity ? DayNumber.Start(s.Activity.LastDay) : null,
            StageSince = s.StageSince,
            ComputedScore = Round(s.ComputedScore),
            Trend = ToView(Trend.Of(s)),
            Override = s.Override is { } o ? ToView(o) : null,
            StageCause = s.StageCause,
            TimeToValueDays = s.TimeToValue is { } ttv ? Math.Round(ttv.TotalDays, 1) : null,
        };
    }

    public static TrendView ToView(Trend t) => new()
    {
        Delta7 = t.Delta7 is { } d7 ? Round(d7) : null,
        Delta30 = t.Delta30 is { } d30 ? Round(d30) : null,
        Delta90 = t.Delta90 is { } d90 ? Round(d90) : null,
        Direction = t.Direction.ToString().ToLowerInvariant(),
    };

    public static OverrideView ToView(ScoreOverride o) => new()
    {
        Score = Round(o.Score), Reason = o.Reason, Author = o.Author, SetAt = o.SetAt, ExpiresAt = o.ExpiresAt,
    };

    public static AccountExplanationView ToView(AccountExplanation e) => new()
    {
        AccountId = e.AccountId,
        Score = Round(e.Score),
        ComputedScore = Round(e.ComputedScore),
        Band = e.Band,
        PolicyVersion = e.PolicyVersion,
        At = e.At,
        Summary = e.Summary,
        Override = e.Override is { } o ? ToView(o) : null,
        Trend = ToView(e.Trend),
        RiskReasons = e.RiskReasons,
        Components = e.Components.Select(c => new ComponentStandingView
        {
            Component = ComponentNames.Of(c.Component),
            Score = c.Score is { } score ? Round(score) : null,
            WeightShare = Math.Round(c.WeightShare, 3),
            PointsBelowFull = Math.Round(c.PointsBelowFull, 2),
            Rule = c.Rule,
            Reading = c.Reading,
        }).ToArray(),
        LargestChanges = e.LargestChanges.Select(ToView).ToArray(),
        Cap = e.Cap,
        UncappedScore = Round(e.UncappedScore),
        TrendPoints = Round(e.TrendPoints),
        BandHeldByHysteresis = e.BandHold.HeldByHysteresis,
        BandFallsBelow = e.BandHold.FallsBelow is { } below ? Round(below) : null,
        BandRisesAt = e.BandHold.RisesAt is { } at ? Round(at) : null,
    };

    public static ExplanationView ToView(ExplanationEntry e) => new()
    {
        At = e.At,
        EventId = e.EventId,
        EventName = e.EventName,
        PolicyVersion = e.PolicyVersion,
        ScoreBefore = Round(e.ScoreBefore),
        ScoreAfter = Round(e.ScoreAfter),
        Delta = Round(e.Delta),
        Contributions = e.Contributions.Select(c => new ContributionView
        {
            Component = ComponentNames.Of(c.Component),
            ComponentDelta = double.IsNaN(c.ComponentDelta) ? null : Round(c.ComponentDelta),
            ScoreDelta = Round(c.ScoreDelta),
            Rule = c.Rule,
        }).ToArray(),
    };

    public static AlertView ToView(AccountHealth s, Alert a) => new()
    {
        AccountId = s.AccountId,
        Rule = a.Rule,
        Kind = a.Kind == AlertKind.Opportunity ? "opportunity" : "risk",
        Message = a.Message,
        At = a.At,
        Band = s.Band,
        Score = Round(s.Score),
    };

    private static string[] FlagNames(AccountHealth s)
    {
        var flags = new List<string>(4);
        foreach (var flag in Enum.GetValues<LifecycleFlags>())
            if (flag != LifecycleFlags.None && s.Flags.HasFlag(flag)) flags.Add(flag.ToString());
        if (s.Flags.HasFlag(LifecycleFlags.AtRisk))
            flags.AddRange(RiskReasonNames.Of(s.RiskReasons).Select(r => "AtRisk:" + r));
        return [.. flags];
    }

    private static double Round(double value) => Math.Round(value, 1);
}
