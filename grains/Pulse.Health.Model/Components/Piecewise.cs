namespace Pulse.Health.Model.Components;

/// <summary>Linear interpolation between (x, y) points sorted by x; flat beyond the ends.</summary>
public static class Piecewise
{
    public static double Interpolate(double x, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        if (x <= xs[0]) return ys[0];
        for (var i = 1; i < xs.Length; i++)
        {
            if (x <= xs[i])
            {
                var t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + t * (ys[i] - ys[i - 1]);
            }
        }
        return ys[^1];
    }
}
