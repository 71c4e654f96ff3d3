using Pulse.Health.Model.Components;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Scoring;

/// <summary>
/// A ceiling on the overall score while a severe condition holds, and the component it belongs to. Scores above
/// <see cref="Floor"/> (the lower edge of the ceiling's band) are squeezed into [Floor, Ceiling) in proportion
/// (<see cref="ScoreCaps.Squeeze"/>), so the condition sets the band and lowers the score, yet accounts under the same
/// condition keep the order their evidence gives.
/// </summary>
public readonly record struct BindingCap(string Id, double Ceiling, double Floor, ComponentKind Component)
{
    /// <summary>The capped score for an uncapped one: unchanged up to the floor, then linear from the floor to the ceiling at 100.</summary>
    public double Squeeze(double uncapped) => ScoreCaps.Squeeze(uncapped, Floor, Ceiling);
}

/// <summary>
/// Severe conditions cap the overall score, whatever the other components say: a weighted mean lets nine good
/// components hide the one that decides churn. The texts do this themselves: an onboarding account flagged at risk is
/// capped at 69 until the flag clears (digest-001 §7.2, book L3641), a lost sponsor or champion caps the band at
/// Yellow (digest-000 §4.3). Caps are policy data (<see cref="HealthPolicy.Caps"/>); 0 cap ids = none.
/// A cap squeezes rather than clips: clipping put hundreds of accounts at exactly 69 and lost the ranking CSMs work from
/// (2,000 accounts of a held-back stream: 664 at 69, AUC 0.796).
/// </summary>
public static class ScoreCaps
{
    public const string OnboardingSlaBreached = "onboarding-sla-breached";
    public const string KeyContactLost = "key-contact-lost";
    public const string PaymentSeverelyOverdue = "payment-severely-overdue";
    public const string UsageDrop = "usage-drop";

    public static readonly IReadOnlyList<string> All = [OnboardingSlaBreached, KeyContactLost, PaymentSeverelyOverdue, UsageDrop];

    /// <summary>Days a lost sponsor or champion keeps the cap (digest-000 §4.3: "capped at Yellow for 30 days").</summary>
    public const int KeyContactCapDays = 30;

    /// <summary>
    /// Where the squeeze starts: <see cref="HealthPolicy.CapSqueezePoints"/> below the ceiling, but never below the lower
    /// edge of the ceiling's band (0 for a ceiling in Red). A deep squeeze (from the band's edge) moved capped 85s to 63
    /// and cost 0.012 AUC on held-out simulator seeds; 10 points keeps a capped account Yellow with less of the ranking lost.
    /// </summary>
    public static double FloorBelow(double ceiling, HealthPolicy policy)
    {
        var bandFloor = ceiling > policy.AdvocateFrom ? policy.AdvocateFrom
            : ceiling > policy.GreenFrom ? policy.GreenFrom
            : ceiling > policy.YellowFrom ? policy.YellowFrom
            : 0;
        return Math.Max(bandFloor, ceiling - policy.CapSqueezePoints);
    }

    /// <summary>
    /// Strictly increasing and below <paramref name="ceiling"/> for every score below 100: scores up to the floor are
    /// kept, scores above it are mapped linearly from [floor, 100] onto [floor, ceiling].
    /// </summary>
    public static double Squeeze(double uncapped, double floor, double ceiling) =>
        uncapped <= floor ? uncapped : floor + (uncapped - floor) * (ceiling - floor) / (100 - floor);

    /// <summary>The component a cap belongs to (where the ledger charges what the cap does).</summary>
    public static ComponentKind ComponentOf(string id) => id switch
    {
        KeyContactLost => ComponentKind.Relationship,
        PaymentSeverelyOverdue => ComponentKind.Payment,
        _ => ComponentKind.Adoption,
    };

    /// <summary>
    /// The lowest cap whose condition holds now, or null when none does. The conditions are the risk reasons the
    /// evidence already gave (<see cref="RiskAssessor.Assess"/>), so the per-event path does not work them out twice.
    /// </summary>
    public static BindingCap? Binding(AccountHealth s, DateTimeOffset now, HealthPolicy policy, RiskReason evidence)
    {
        if (policy.Caps.Count == 0) return null;
        BindingCap? lowest = null;
        var weights = policy.ProfileFor(s.Tier).Weights;
        void Consider(string id)
        {
            // A cap speaks for its component: where the tier gives that component no weight (B2C relationship), no cap.
            if (weights[(int)ComponentOf(id)] <= 0) return;
            if (policy.Caps.TryGetValue(id, out var ceiling) && (lowest is not { } l || ceiling < l.Ceiling))
                lowest = new BindingCap(id, ceiling, FloorBelow(ceiling, policy), ComponentOf(id));
        }
        if (evidence.HasFlag(RiskReason.OnboardingSlaBreached)) Consider(OnboardingSlaBreached);
        // The risk lasts the relationship's 90-day loss window; the cap only its first 30 days.
        if (evidence.HasFlag(RiskReason.KeyContactLost) && RiskAssessor.KeyContactLost(s, now, KeyContactCapDays) is not null) Consider(KeyContactLost);
        if (evidence.HasFlag(RiskReason.PaymentOverdue)) Consider(PaymentSeverelyOverdue);
        if (evidence.HasFlag(RiskReason.UsageDrop)) Consider(UsageDrop);
        return lowest;
    }
}
