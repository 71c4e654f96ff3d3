using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest;

/// <summary>Accounts per health band under one policy.</summary>
public sealed record BandCounts(int Red, int Yellow, int Green, int Advocate)
{
    public int Total => Red + Yellow + Green + Advocate;

    public int this[Band band] => band switch
    {
        Band.Red => Red,
        Band.Yellow => Yellow,
        Band.Green => Green,
        _ => Advocate,
    };

    public static BandCounts Of(IEnumerable<Band> bands)
    {
        Span<int> counts = stackalloc int[4];
        foreach (var band in bands) counts[(int)band]++;
        return new BandCounts(counts[0], counts[1], counts[2], counts[3]);
    }
}
