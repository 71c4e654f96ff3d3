namespace Pulse.Health.Model.Components;

/// <summary>
/// A component's score and the rule that decided it. <paramref name="Rule"/> is a constant id and the evidence is kept
/// as numbers, so scoring allocates nothing; <see cref="Describe"/> renders text only when the ledger records it.
/// </summary>
public readonly record struct ComponentResult(double Score, string Rule, double Measure, double Reference)
{
    public static readonly ComponentResult NoData = new(double.NaN, "no-data", 0, 0);

    public bool HasData => !double.IsNaN(Score);

    public string Describe() => Rule + " (" + Format(Measure) + " vs " + Format(Reference) + ")";

    private static string Format(double value) => Math.Round(value, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
