namespace Pulse.Simulation.Latent;

/// <summary>
/// The few non-linear functions the latent-health model needs, written with additions, multiplications, divisions and
/// exact scalings only, so that they give the same bits on every platform and runtime (<see cref="Math.Exp"/> is the
/// C runtime's and may differ in the last bit, which would break "same options ⇒ same bytes").
/// </summary>
public static class DeterministicMath
{
    private const double Ln2 = 0.69314718055994530942;

    /// <summary>eˣ: range reduction to |r| ≤ ln2/2, then the Taylor series (18 terms, well below one ulp).</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < -708) return 0;
        if (x > 709) return double.PositiveInfinity;
        var k = Math.Round(x / Ln2);
        var r = x - k * Ln2;
        double term = 1, sum = 1;
        for (var i = 1; i <= 18; i++)
        {
            term *= r / i;
            sum += term;
        }
        return Math.ScaleB(sum, (int)k);
    }

    /// <summary>The logistic function 1 / (1 + e⁻ˣ).</summary>
    public static double Logistic(double x) => 1 / (1 + Exp(-x));

    /// <summary>An approximately standard-normal draw (Irwin–Hall: twelve uniforms minus six), bounded to ±6.</summary>
    public static double Normal(Generation.DeterministicRandom random)
    {
        double sum = 0;
        for (var i = 0; i < 12; i++) sum += random.NextDouble();
        return sum - 6;
    }

    public static double Clamp01(double x) => x < 0 ? 0 : x > 1 ? 1 : x;
}
