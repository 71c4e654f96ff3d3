namespace Pulse.Simulation.Latent;

/// <summary>
/// The shape of an account's hidden health over its history, as its persona draws it (with per-account randomness):
/// where it starts, a steady drift over the whole history, and an episode — a drop of <see cref="Shock"/> starting on
/// the persona's onset day, reached over <see cref="RampDays"/> (0 = overnight), of which <see cref="Recovery"/> is
/// regained over the following <see cref="RecoveryDays"/>.
/// </summary>
public sealed record HealthShape(double Start, double Drift = 0, double Shock = 0, int RampDays = 0, double Recovery = 0, int RecoveryDays = 21)
{
    /// <summary>The shape's value on <paramref name="day"/> of a history of <paramref name="days"/> days, before noise.</summary>
    public double At(int day, int days, int? onsetDay)
    {
        var h = Start + Drift * day / Math.Max(1, days);
        if (onsetDay is not { } onset || day < onset || Shock == 0) return h;
        var since = day - onset;
        var drop = RampDays <= 0 ? Shock : Shock * Math.Min(1, (since + 1) / (double)RampDays);
        var afterRamp = since - Math.Max(0, RampDays);
        if (afterRamp > 0 && Recovery > 0) drop *= 1 - Recovery * Math.Min(1, afterRamp / (double)Math.Max(1, RecoveryDays));
        return h - drop;
    }
}
