using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Voice of customer (docs/health-model.md, "Components"): the latest NPS and CSAT, each decayed towards neutral as it ages (~180 days,
/// digest-001 §7.2), with a mild penalty when the last survey went unanswered (book L3303).
/// </summary>
public static class VoiceScorer
{
    /// <summary>What an old answer decays towards: no longer evidence either way (design).</summary>
    public const double Neutral = 60;
    public const double NonResponsePenalty = 10;

    /// <summary>NPS 9–10 promoter → 100, 7–8 passive → 70, 0–6 detractor → 0–30 (standard NPS buckets).</summary>
    public static double NpsToScore(double nps, HealthPolicy policy) =>
        nps >= 9 ? 100 : nps > policy.DetractorMax ? 70 : 30 * Math.Clamp(nps, 0, policy.DetractorMax) / policy.DetractorMax;

    /// <summary>CES 1–7 (7 = "the company made it easy") → 0–100.</summary>
    public static double CesToScore(double ces) => (Math.Clamp(ces, 1, 7) - 1) / 6 * 100;

    /// <summary>CSAT 1–5 → 0–100.</summary>
    public static double CsatToScore(double csat) => (Math.Clamp(csat, 1, 5) - 1) / 4 * 100;

    public static ComponentResult Score(AccountHealth s, DateTimeOffset now, HealthPolicy policy)
    {
        var v = s.Voice;
        double sum = 0;
        var n = 0;
        var rule = ComponentResult.NoData;
        if (v.LastNps is { } nps && Decay(now - v.LastNpsAt, policy) is var wn && wn > 0)
        {
            var value = Neutral + (NpsToScore(nps, policy) - Neutral) * wn;
            sum += value; n++;
            rule = new ComponentResult(value, nps <= policy.DetractorMax ? "voice.nps-detractor" : "voice.latest-nps", nps, 10);
        }
        if (v.LastCsat is { } csat && Decay(now - v.LastCsatAt, policy) is var wc && wc > 0)
        {
            var value = Neutral + (CsatToScore(csat) - Neutral) * wc;
            sum += value; n++;
            if (!rule.HasData || value < rule.Score) rule = new ComponentResult(value, "voice.latest-csat", csat, 5);
        }
        if (v.LastCes is { } ces && Decay(now - v.LastCesAt, policy) is var we && we > 0)
        {
            var value = Neutral + (CesToScore(ces) - Neutral) * we;
            sum += value; n++;
            if (!rule.HasData || value < rule.Score) rule = new ComponentResult(value, "voice.latest-ces", ces, 7);
        }
        var pending = v.PendingSurveySentAt is { } sent && (now - sent).TotalDays >= policy.SurveyNonResponseDays;
        if (n == 0)
            return pending ? new ComponentResult(Neutral - NonResponsePenalty, "voice.survey-not-answered", (now - v.PendingSurveySentAt!.Value).TotalDays, policy.SurveyNonResponseDays)
                : ComponentResult.NoData;
        var score = sum / n;
        if (pending)
            return new ComponentResult(Math.Max(0, score - NonResponsePenalty), "voice.survey-not-answered", (now - v.PendingSurveySentAt!.Value).TotalDays, policy.SurveyNonResponseDays);
        return rule with { Score = score };
    }

    private static double Decay(TimeSpan age, HealthPolicy policy) =>
        Math.Clamp(1 - Math.Max(0, age.TotalDays) / policy.SurveyDecayDays, 0, 1);
}
