using Pulse.Health.Model.Policy;

namespace Pulse.Health.Model.Scoring;

/// <summary>Maps a score to a band, with hysteresis so a score wobbling on an edge does not flip the band.</summary>
public static class BandClassifier
{
    /// <summary>The band by the plain cut-offs.</summary>
    public static Band Raw(double score, HealthPolicy policy) =>
        score >= policy.AdvocateFrom ? Band.Advocate
        : score >= policy.GreenFrom ? Band.Green
        : score >= policy.YellowFrom ? Band.Yellow
        : Band.Red;

    /// <summary>
    /// Keeps <paramref name="current"/> while the score stays within its range widened by the hysteresis on both
    /// sides; otherwise the plain band. With no current band (a new account) the plain band applies.
    /// </summary>
    public static Band Classify(double score, Band? current, HealthPolicy policy)
    {
        if (current is not { } band) return Raw(score, policy);
        var (lower, upper) = Range(band, policy);
        var h = policy.BandHysteresis;
        if (score >= lower - h && score < upper + h) return band;
        return Raw(score, policy);
    }

    private static (double Lower, double Upper) Range(Band band, HealthPolicy policy) => band switch
    {
        Band.Red => (double.NegativeInfinity, policy.YellowFrom),
        Band.Yellow => (policy.YellowFrom, policy.GreenFrom),
        Band.Green => (policy.GreenFrom, policy.AdvocateFrom),
        _ => (policy.AdvocateFrom, double.PositiveInfinity),
    };
}
