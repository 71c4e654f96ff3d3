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

    /// <summary>
    /// Where <paramref name="band"/> would change for <paramref name="score"/>: it falls below its lower edge less the
    /// hysteresis and rises at its upper edge plus it. Held by hysteresis when the plain cut-offs give another band.
    /// </summary>
    public static BandHold Hold(double score, Band band, HealthPolicy policy)
    {
        var (lower, upper) = Range(band, policy);
        var h = policy.BandHysteresis;
        return new BandHold(Raw(score, policy) != band, double.IsInfinity(lower) ? null : lower - h, double.IsInfinity(upper) ? null : upper + h);
    }

    private static (double Lower, double Upper) Range(Band band, HealthPolicy policy) => band switch
    {
        Band.Red => (double.NegativeInfinity, policy.YellowFrom),
        Band.Yellow => (policy.YellowFrom, policy.GreenFrom),
        Band.Green => (policy.GreenFrom, policy.AdvocateFrom),
        _ => (policy.AdvocateFrom, double.PositiveInfinity),
    };
}

/// <summary>Where a band would change: below <see cref="FallsBelow"/> or from <see cref="RisesAt"/> (null: no band that way).</summary>
public readonly record struct BandHold(bool HeldByHysteresis, double? FallsBelow, double? RisesAt);
