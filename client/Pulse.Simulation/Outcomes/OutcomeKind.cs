namespace Pulse.Simulation.Outcomes;

/// <summary>What finally happens to a synthetic account: the ground truth a health score is judged against.</summary>
public enum OutcomeKind
{
    Churns,
    Renews,
    Expands,
}

public static class OutcomeKinds
{
    /// <summary>The label-file spelling: <c>churns</c>, <c>renews</c>, <c>expands</c>.</summary>
    public static string Name(this OutcomeKind kind) => kind switch
    {
        OutcomeKind.Churns => "churns",
        OutcomeKind.Renews => "renews",
        OutcomeKind.Expands => "expands",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out OutcomeKind kind)
    {
        foreach (var k in Enum.GetValues<OutcomeKind>())
        {
            if (string.Equals(k.Name(), text, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
