namespace Pulse.Health.Model.Lifecycle;

/// <summary>Why an account is AtRisk. Any combination; AtRisk is set while any reason holds.</summary>
[Flags]
public enum RiskReason : ushort
{
    None = 0,
    RedBand = 1,
    UsageDrop = 2,
    SupportSurge = 4,
    PaymentOverdue = 8,
    PaymentFailed = 16,
    Detractor = 32,
    OnboardingSlaBreached = 64,
    Inactive = 128,
    KeyContactLost = 256,
}

public static class RiskReasonNames
{
    /// <summary>The reason a name stands for ("usage-drop"), or null for an unknown name.</summary>
    public static RiskReason? Parse(string name)
    {
        foreach (var value in Enum.GetValues<RiskReason>())
            if (value != RiskReason.None && Of(value).First() == name) return value;
        return null;
    }

    /// <summary>The reasons a list of names stands for; unknown names count for nothing (the validator reports them).</summary>
    public static RiskReason Mask(IEnumerable<string> names)
    {
        var mask = RiskReason.None;
        foreach (var name in names) mask |= Parse(name) ?? RiskReason.None;
        return mask;
    }

    public static IReadOnlyList<string> All { get; } = Enum.GetValues<RiskReason>().Where(r => r != RiskReason.None).Select(r => Of(r).First()).ToArray();

    public static IEnumerable<string> Of(RiskReason reasons)
    {
        foreach (var value in Enum.GetValues<RiskReason>())
            if (value != RiskReason.None && reasons.HasFlag(value))
                yield return value switch
                {
                    RiskReason.RedBand => "red-band",
                    RiskReason.UsageDrop => "usage-drop",
                    RiskReason.SupportSurge => "support-surge",
                    RiskReason.PaymentOverdue => "payment-overdue",
                    RiskReason.PaymentFailed => "payment-failed",
                    RiskReason.Detractor => "detractor",
                    RiskReason.OnboardingSlaBreached => "onboarding-sla",
                    RiskReason.Inactive => "inactive",
                    RiskReason.KeyContactLost => "key-contact-lost",
                    _ => value.ToString(),
                };
    }
}
