using System.Text.RegularExpressions;
using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;

namespace Pulse.Health.Model.Policy;

/// <summary>Checks a policy for values the model cannot work with, and reports every problem with its path.</summary>
public static partial class PolicyValidator
{
    public static IReadOnlyList<PolicyError> Validate(HealthPolicy p)
    {
        var errors = new List<PolicyError>();
        void Check(bool ok, string path, string message) { if (!ok) errors.Add(new PolicyError(path, message)); }
        void Range(double value, double min, double max, string path) =>
            Check(double.IsFinite(value) && value >= min && value <= max, path, $"must be between {min} and {max} (was {value})");

        Check(p.Version is { Length: > 0 and <= 64 } && VersionPattern().IsMatch(p.Version), "version",
            "must be 1–64 characters of letters, digits, '.', '_' or '-'");

        Range(p.YellowFrom, 1, 100, "yellowFrom");
        Range(p.GreenFrom, 1, 100, "greenFrom");
        Range(p.AdvocateFrom, 1, 100, "advocateFrom");
        Check(p.YellowFrom < p.GreenFrom && p.GreenFrom < p.AdvocateFrom, "greenFrom", "band edges must rise: yellowFrom < greenFrom < advocateFrom");
        var narrowest = Math.Min(p.GreenFrom - p.YellowFrom, p.AdvocateFrom - p.GreenFrom);
        Check(double.IsFinite(p.BandHysteresis) && p.BandHysteresis >= 0 && p.BandHysteresis < narrowest / 2, "bandHysteresis",
            $"must be at least 0 and less than half the narrowest band ({narrowest / 2})");

        Range(p.KeyFeatureTarget, 1, 1000, "keyFeatureTarget");
        Range(p.UsageDropRatio, 0.01, 0.99, "usageDropRatio");
        Range(p.SeatsUpsellRatio, 0.01, 1, "seatsUpsellRatio");
        Range(p.SeatsLowRatio, 0, 0.99, "seatsLowRatio");
        Check(p.SeatsLowRatio < p.SeatsUpsellRatio, "seatsLowRatio", "must be below seatsUpsellRatio");
        Range(p.SupportWarnPer7, 1, 1000, "supportWarnPer7");
        Range(p.SupportDangerPer7, 1, 1000, "supportDangerPer7");
        Check(p.SupportWarnPer7 <= p.SupportDangerPer7, "supportDangerPer7", "must be at least supportWarnPer7");
        Range(p.AgedCriticalTicketDays, 1, 365, "agedCriticalTicketDays");
        Range(p.SurveyDecayDays, 1, 3650, "surveyDecayDays");
        Range(p.SurveyNonResponseDays, 1, 365, "surveyNonResponseDays");
        Range(p.DetractorMax, 1, 9, "detractorMax"); // NPS 0..detractorMax is a detractor; 0 would divide by zero
        Range(p.SevereOverdueDays, 1, 365, "severeOverdueDays");
        Range(p.OnboardingSlaDays, 1, 3650, "onboardingSlaDays");
        Range(p.RenewalWindowDays, 1, 3650, "renewalWindowDays");
        Range(p.First90Days, 1, 3650, "first90Days");
        Range(p.SustainedHealthDays, 1, 3650, "sustainedHealthDays");
        Range(p.SustainedAdvocateDays, 1, 3650, "sustainedAdvocateDays");
        Range(p.ArchiveAfterChurnedDays, 1, 36500, "archiveAfterChurnedDays");
        Range(p.AlertCooldownDays, 0, 3650, "alertCooldownDays");
        Range(p.MoverThreshold, 0.1, 100, "moverThreshold");
        Range(p.B2cBelowArr, 0, 1e12, "b2cBelowArr");
        Range(p.LowTouchFromArr, 0, 1e12, "lowTouchFromArr");
        Range(p.HighTouchFromArr, 0, 1e12, "highTouchFromArr");
        Check(p.B2cBelowArr <= p.LowTouchFromArr && p.LowTouchFromArr <= p.HighTouchFromArr, "lowTouchFromArr",
            "tier edges must rise: b2cBelowArr ≤ lowTouchFromArr ≤ highTouchFromArr");

        if (p.Caps is null) errors.Add(new PolicyError("caps", "must be an object (omit it for no caps)"));
        foreach (var (id, ceiling) in p.Caps ?? new Dictionary<string, double>())
        {
            if (!Scoring.ScoreCaps.All.Contains(id)) errors.Add(new PolicyError("caps." + id, "unknown cap (known: " + string.Join(", ", Scoring.ScoreCaps.All) + ")"));
            else Range(ceiling, 0, 100, "caps." + id);
        }
        Range(p.CapSqueezePoints, 0, 100, "capSqueezePoints");
        Range(p.TrendWeight, 0, 5, "trendWeight");
        Range(p.TrendMaxPoints, 0, 50, "trendMaxPoints");
        Range(p.AtRiskBelow, 0, 100, "atRiskBelow");
        Range(p.AtRiskReasonsBelow, 0, 100, "atRiskReasonsBelow");
        if (p.AtRiskReasons is null) errors.Add(new PolicyError("atRiskReasons", "must be a list (omit it for none)"));
        foreach (var name in p.AtRiskReasons ?? [])
            if (Lifecycle.RiskReasonNames.Parse(name) is null)
                errors.Add(new PolicyError("atRiskReasons", $"unknown risk reason '{name}' (known: {string.Join(", ", Lifecycle.RiskReasonNames.All)})"));
        if (p.Rules is null) errors.Add(new PolicyError("rules", "must be an object (omit it for no overrides)"));
        ValidateRules(p.Rules, "rules", errors);

        if (p.Tiers is null || !p.Tiers.ContainsKey(TouchTier.TechTouch))
            errors.Add(new PolicyError("tiers", "must define tech-touch (the profile of accounts with no other tier)"));
        foreach (var (tier, profile) in p.Tiers ?? new Dictionary<TouchTier, TierProfile>())
        {
            var at = "tiers." + TouchTierNames.Name(tier);
            if (profile is null) { errors.Add(new PolicyError(at, "must be an object with weights")); continue; }
            Range(profile.GoLiveActiveDays, 1, 30, at + ".goLiveActiveDays");
            Range(profile.GoLiveWindowDays, profile.GoLiveActiveDays, 30, at + ".goLiveWindowDays");
            Range(profile.ValueActiveDays, 1, 30, at + ".valueActiveDays");
            if (profile.Rules is null) errors.Add(new PolicyError(at + ".rules", "must be an object (omit it for no overrides)"));
            if (profile.Weights is not { Length: ComponentNames.Count })
            {
                errors.Add(new PolicyError(at + ".weights", $"must give a weight for each of the {ComponentNames.Count} components"));
            }
            else
            {
                for (var i = 0; i < profile.Weights.Length; i++)
                    Range(profile.Weights[i], 0, 1000, $"{at}.weights.{ComponentNames.Of((ComponentKind)i)}");
                Check(profile.Weights.Sum() > 0, at + ".weights", "at least one weight must be above 0");
            }
            Range(profile.TargetActiveDaysPer30, 1, 30, at + ".targetActiveDaysPer30");
            Range(profile.SupportTicketsPer30Danger, 1, 10_000, at + ".supportTicketsPer30Danger");
            Range(profile.DormantAfterDays, 1, 3650, at + ".dormantAfterDays");
            Range(profile.ValueMilestoneDays, 1, 3650, at + ".valueMilestoneDays");
            ValidateRules(profile.Rules, at + ".rules", errors);
        }
        return errors;
    }

    private static void ValidateRules(IReadOnlyDictionary<string, AlertRuleSettings>? rules, string at, List<PolicyError> errors)
    {
        foreach (var (id, settings) in rules ?? new Dictionary<string, AlertRuleSettings>())
        {
            var path = $"{at}.{id}";
            if (!AlertRuleCatalog.IsKnown(id))
            {
                errors.Add(new PolicyError(path, "unknown rule (known: " + string.Join(", ", AlertRuleCatalog.All.Select(r => r.Id)) + ")"));
                continue;
            }
            if (settings is null) { errors.Add(new PolicyError(path, "must be an object")); continue; }
            if (settings.CooldownDays is { } cooldown && cooldown is < 0 or > 3650)
                errors.Add(new PolicyError(path + ".cooldownDays", $"must be between 0 and 3650 (was {cooldown})"));
            if (settings.Threshold is { } threshold)
            {
                if (double.IsNaN(AlertRuleCatalog.Get(id).DefaultThreshold(DefaultPolicy.Create())))
                    errors.Add(new PolicyError(path + ".threshold", "this rule has no threshold (it fires on an event or a state change)"));
                else if (!double.IsFinite(threshold) || threshold < 0)
                    errors.Add(new PolicyError(path + ".threshold", $"must be a number ≥ 0 (was {threshold})"));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex VersionPattern();
}
