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

    /// <summary>The component alone, for callers that do not keep sub-scores.</summary>
    public static ComponentResult Score(AccountHealth s, DateTimeOffset now, HealthPolicy policy) =>
        Score(s, now, policy, stackalloc float[SubScores.Count]);

    /// <param name="parts">Receives the sub-scores (<see cref="SubScores"/> slots); the rule named is the one that moved.</param>
    public static ComponentResult Score(AccountHealth s, DateTimeOffset now, HealthPolicy policy, Span<float> parts)
    {
        var v = s.Voice;
        var picker = new SubScores.Picker(s.SubScores, parts);
        picker.Add(SubScores.VoiceNps, v.LastNps is { } nps && Decay(now - v.LastNpsAt, policy) is var wn && wn > 0
            ? new ComponentResult(Neutral + (NpsToScore(nps, policy) - Neutral) * wn, nps <= policy.DetractorMax ? "voice.nps-detractor" : "voice.latest-nps", nps, 10)
            : ComponentResult.NoData, 1);
        picker.Add(SubScores.VoiceCsat, v.LastCsat is { } csat && Decay(now - v.LastCsatAt, policy) is var wc && wc > 0
            ? new ComponentResult(Neutral + (CsatToScore(csat) - Neutral) * wc, "voice.latest-csat", csat, 5)
            : ComponentResult.NoData, 1);
        picker.Add(SubScores.VoiceCes, v.LastCes is { } ces && Decay(now - v.LastCesAt, policy) is var we && we > 0
            ? new ComponentResult(Neutral + (CesToScore(ces) - Neutral) * we, "voice.latest-ces", ces, 7)
            : ComponentResult.NoData, 1);
        var pending = v.PendingSurveySentAt is { } sent && (now - sent).TotalDays >= policy.SurveyNonResponseDays;
        var answered = picker.Result;
        if (!answered.HasData)
            return pending ? new ComponentResult(Neutral - NonResponsePenalty, "voice.survey-not-answered", (now - v.PendingSurveySentAt!.Value).TotalDays, policy.SurveyNonResponseDays)
                : ComponentResult.NoData;
        if (pending)
            return new ComponentResult(Math.Max(0, answered.Score - NonResponsePenalty), "voice.survey-not-answered", (now - v.PendingSurveySentAt!.Value).TotalDays, policy.SurveyNonResponseDays);
        return answered;
    }

    private static double Decay(TimeSpan age, HealthPolicy policy) =>
        Math.Clamp(1 - Math.Max(0, age.TotalDays) / policy.SurveyDecayDays, 0, 1);
}
