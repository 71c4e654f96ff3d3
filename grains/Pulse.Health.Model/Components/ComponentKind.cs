namespace Pulse.Health.Model.Components;

/// <summary>The seven health components of docs/health-model.md ("Components"). The order is the storage order of component arrays.</summary>
public enum ComponentKind : byte
{
    Adoption = 0,
    Support,
    VoiceOfCustomer,
    Payment,
    Relationship,
    Engagement,
    Growth,
    /// <summary>
    /// Not a component and not counted in <see cref="ComponentNames.Count"/>: the score's trend adjustment
    /// (<see cref="Scoring.TrendAdjustment"/>), named so the ledger can charge a contribution to it.
    /// </summary>
    Trend,
}

public static class ComponentNames
{
    public const int Count = 7;

    /// <summary>The names used in JSON (<c>components</c>) and in the explanation ledger.</summary>
    public static string Of(ComponentKind kind) => kind switch
    {
        ComponentKind.Adoption => "adoption",
        ComponentKind.Support => "support",
        ComponentKind.VoiceOfCustomer => "voiceOfCustomer",
        ComponentKind.Payment => "payment",
        ComponentKind.Relationship => "relationship",
        ComponentKind.Engagement => "engagement",
        ComponentKind.Growth => "growth",
        ComponentKind.Trend => "trend",
        _ => kind.ToString(),
    };
}
