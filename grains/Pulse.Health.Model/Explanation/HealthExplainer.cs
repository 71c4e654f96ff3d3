using System.Globalization;
using System.Text;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Explanation;

/// <summary>
/// Builds the answer to "why is this account red?": which components hold the score down and by how many points, which
/// recent events and rules moved it most, and a plain-language summary. Pure: reads the state, changes nothing.
/// </summary>
public static class HealthExplainer
{
    public static AccountExplanation Explain(AccountHealth s, HealthPolicy policy)
    {
        var now = s.Clock;
        Span<ComponentResult> results = new ComponentResult[ComponentNames.Count];
        ScoreCalculator.ScoreComponents(s, now, policy, results, stackalloc float[SubScores.Count]);
        var profile = policy.ProfileFor(s.Tier);
        var totalWeight = ScoreCalculator.WeightWithData(s.Components, profile);

        var standings = new List<ComponentStanding>(ComponentNames.Count);
        for (var i = 0; i < ComponentNames.Count; i++)
        {
            var value = s.Components[i];
            var hasData = !double.IsNaN(value) && profile.Weights[i] > 0;
            var share = hasData && totalWeight > 0 ? profile.Weights[i] / totalWeight : 0;
            standings.Add(new ComponentStanding((ComponentKind)i, double.IsNaN(value) ? null : value, share,
                hasData ? share * (100 - value) : 0, results[i].HasData ? results[i].Rule : "no-data",
                profile.Weights[i] <= 0 ? "not weighed in this tier" : RuleText.Describe(results[i])));
        }
        standings.Sort((a, b) => b.PointsBelowFull.CompareTo(a.PointsBelowFull));

        var changes = s.Ledger.Recent().OrderByDescending(e => Math.Abs(e.Delta)).ThenByDescending(e => e.At).ToArray();
        var band = s.Band ?? BandClassifier.Raw(s.Score, policy);
        var trend = Trend.Of(s);
        var reasons = RiskReasonNames.Of(s.RiskReasons).ToArray();
        var uncapped = ScoreCalculator.Overall(s.Components, profile);
        // A cap or an override sets the band outright; only a plain score can be held by hysteresis.
        var hold = BandClassifier.Hold(s.Score, band, policy);
        if (s.CapId is not null || s.Override is not null) hold = hold with { HeldByHysteresis = false };
        var summary = Summarise(s, band, policy, trend, reasons, standings, changes, uncapped, hold);
        return new AccountExplanation(s.AccountId, s.Score, s.ComputedScore, band, s.PolicyVersion, now, s.Override, trend, reasons, standings, changes,
            summary, s.CapId, uncapped, s.TrendPoints, hold);
    }

    private static string Summarise(AccountHealth s, Band band, HealthPolicy policy, Trend trend, string[] reasons,
        List<ComponentStanding> standings, ExplanationEntry[] changes, double uncapped, BandHold hold)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{s.AccountId} is {band} at {Num(s.Score)} (policy {s.PolicyVersion}).");
        if (hold.HeldByHysteresis)
        {
            var plain = BandClassifier.Raw(s.Score, policy);
            var edge = plain < band ? hold.FallsBelow : hold.RisesAt;
            text.Append(CultureInfo.InvariantCulture,
                $" Hysteresis holds it {band}: {Num(s.Score)} alone is {plain}, but a band changes only {Num(policy.BandHysteresis)} points past its edge; it turns {plain} {(plain < band ? "below" : "at")} {Num(edge ?? 0)}.");
        }
        if (s.Override is { } o)
            text.Append(CultureInfo.InvariantCulture, $" The score is set by hand by {o.Author} until {o.ExpiresAt:yyyy-MM-dd}: {o.Reason}; the evidence alone gives {Num(s.ComputedScore)}.");
        if (s.CapId is { } cap && policy.Caps.TryGetValue(cap, out var ceiling))
            text.Append(CultureInfo.InvariantCulture, $" Capped below {Num(ceiling)} while {cap.Replace('-', ' ')} (a severe condition): the components give {Num(uncapped)}, squeezed to {Num(s.ComputedScore)} so capped accounts keep their order.");
        if (Math.Abs(s.TrendPoints) >= 0.1)
            text.Append(CultureInfo.InvariantCulture, $" Trend: its evidence moved {Signed(s.History.Delta(DayNumber.Of(s.Clock), TrendAdjustment.WindowDays, s.History.ScoreOn(DayNumber.Of(s.Clock)) ?? uncapped) ?? 0)} in {TrendAdjustment.WindowDays} days, which counts {Signed(s.TrendPoints)}.");
        var holding = standings.Where(c => c.PointsBelowFull >= 1).Take(3).ToArray();
        if (holding.Length > 0)
            text.Append(" Holding it down: ").AppendJoin("; ", holding.Select(c =>
                $"{ComponentNames.Of(c.Component)} {Num(c.Score ?? 0)}/100 ({c.Reading}) costs {Num(c.PointsBelowFull)} points")).Append('.');
        if (trend.Delta30 is { } d30) text.Append(CultureInfo.InvariantCulture, $" Over 30 days it moved {Signed(d30)}.");
        else if (trend.Delta7 is { } d7) text.Append(CultureInfo.InvariantCulture, $" Over 7 days it moved {Signed(d7)}.");
        if (reasons.Length > 0) text.Append(" At risk: ").AppendJoin(", ", reasons).Append('.');
        var moves = changes.Where(e => Math.Abs(e.Delta) >= 0.5).Take(3).ToArray();
        if (moves.Length > 0)
            text.Append(" Largest recent moves: ").AppendJoin("; ", moves.Select(Describe)).Append('.');
        return text.ToString();
    }

    /// <summary>One ledger entry in a sentence: how much, which event, through which component and rule.</summary>
    public static string Describe(ExplanationEntry e)
    {
        var what = e.EventId == ExplanationEntry.TimeEventId ? e.EventName : $"'{e.EventName}' ({e.EventId})";
        var top = e.Contributions.Count > 0 ? e.Contributions[0] : (Contribution?)null;
        var how = top is { } c ? $" via {ComponentNames.Of(c.Component)}: {c.Rule}" : "";
        return $"{Signed(e.Delta)} on {e.At:yyyy-MM-dd} from {what}{how}";
    }

    private static string Num(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
    private static string Signed(double value) => (value >= 0 ? "+" : "") + Num(value);
}
