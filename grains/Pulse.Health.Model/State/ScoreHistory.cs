namespace Pulse.Health.Model.State;

/// <summary>
/// The score at the end of each of the last <see cref="Days"/> days, so trends (Δ7/Δ30/Δ90, digest-001 §7.2: health is
/// "a sine wave", book L1773) come from the account itself, not from a scan. Stored as hundredths in a ring of
/// ushorts: 182 bytes per account.
/// </summary>
public sealed class ScoreHistory
{
    public const int Days = 91;
    private const ushort Empty = ushort.MaxValue;

    private readonly ushort[] _ring = CreateRing();

    /// <summary>The newest day recorded, or <see cref="int.MinValue"/> when nothing is.</summary>
    public int HeadDay { get; private set; } = int.MinValue;
    /// <summary>The first day the account had a score.</summary>
    public int FirstDay { get; private set; } = int.MaxValue;

    /// <summary>Records the score at the end of <paramref name="day"/> (the latest evaluation that day wins).</summary>
    public void Record(int day, double score)
    {
        if (HeadDay != int.MinValue && day < HeadDay) return; // the account's clock never runs backwards
        if (HeadDay != int.MinValue && day > HeadDay)
        {
            // Days with no evaluation kept the score they had at the end of the day before.
            var carried = _ring[Slot(HeadDay)];
            for (var d = HeadDay + 1; d < day && d <= HeadDay + Days; d++) _ring[Slot(d)] = carried;
        }
        HeadDay = day;
        if (day < FirstDay) FirstDay = day;
        _ring[Slot(day)] = (ushort)Math.Round(Math.Clamp(score, 0, 100) * 100);
    }

    /// <summary>The score at the end of <paramref name="day"/>, or null when the account had no score then (or it is too old).</summary>
    public double? ScoreOn(int day)
    {
        if (HeadDay == int.MinValue || day > HeadDay || day <= HeadDay - Days) return null;
        var value = _ring[Slot(day)];
        return value == Empty ? null : value / 100.0;
    }

    /// <summary>Score now minus the score <paramref name="days"/> days before <paramref name="today"/>; null without history that far back.</summary>
    public double? Delta(int today, int days, double current) => ScoreOn(today - days) is { } then ? current - then : null;

    /// <summary>Score now minus the score on the oldest day still within <paramref name="days"/> (for accounts younger than that).</summary>
    public double DeltaWithin(int today, int days, double current) =>
        ScoreOn(Math.Max(today - days, Math.Max(FirstDay, HeadDay - Days + 1))) is { } then ? current - then : 0;

    internal ushort[] Raw => _ring;

    internal void Restore(int headDay, int firstDay, ReadOnlySpan<ushort> ring)
    {
        HeadDay = headDay;
        FirstDay = firstDay;
        ring.CopyTo(_ring);
    }

    private static ushort[] CreateRing()
    {
        var ring = new ushort[Days];
        Array.Fill(ring, Empty);
        return ring;
    }

    private static int Slot(int day) => ((day % Days) + Days) % Days;
}
