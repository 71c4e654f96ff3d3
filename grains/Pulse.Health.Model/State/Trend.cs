namespace Pulse.Health.Model.State;

public enum TrendDirection : byte
{
    Flat = 0,
    Up,
    Down,
}

/// <summary>How the score moved over 7, 30 and 90 days (null where the account is younger than that) and where it is heading.</summary>
public readonly record struct Trend(double? Delta7, double? Delta30, double? Delta90, TrendDirection Direction)
{
    /// <summary>A 7-day move smaller than this is "flat": day-to-day noise, not a direction (design).</summary>
    public const double FlatWithin = 2;

    public static Trend Of(AccountHealth s)
    {
        // The history keeps the evidence's level (the weighted mean before trend, caps and overrides): the trend shown is
        // how the customer's evidence moved.
        var today = DayNumber.Of(s.Clock);
        var level = s.History.ScoreOn(today) ?? s.Score;
        var d7 = s.History.Delta(today, 7, level);
        var d30 = s.History.Delta(today, 30, level);
        var d90 = s.History.Delta(today, 90, level);
        // The week decides the arrow; a younger account uses what it has (its first score was day 0).
        var basis = d7 ?? s.History.DeltaWithin(today, 7, level);
        var direction = basis >= FlatWithin ? TrendDirection.Up : basis <= -FlatWithin ? TrendDirection.Down : TrendDirection.Flat;
        return new Trend(d7, d30, d90, direction);
    }
}
