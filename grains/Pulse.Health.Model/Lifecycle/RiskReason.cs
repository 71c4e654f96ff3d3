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
