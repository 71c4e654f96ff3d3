using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model.Components;

/// <summary>
/// Payment (docs/health-model.md, "Components"; "healthy customers pay their bills on time. Period.", laws L841): the on-time ratio of paid
/// invoices, capped by the worst overdue open invoice (0 days → no cap, 1–15 → 60, 16–30 → 30, >30 → 10;
/// digest-000 §7.2) and by failed payments: a failure in the last 30 days caps at 25 (two or more at 10) — a failed
/// card is the B2C lapse that precedes involuntary churn (book L2694) — and older failures in 90 days subtract 15.
/// </summary>
public static class PaymentScorer
{
    public const int FailedWindowDays = 90;
    public const int RecentFailureDays = 30;
    public const double OlderFailurePenalty = 15;

    public static ComponentResult Score(AccountHealth s, DateTimeOffset now, int today, HealthPolicy policy)
    {
        var log = s.Payment;
        if (!log.HasData) return ComponentResult.NoData;
        var paid = log.PaidOnTime + log.PaidLate;
        var result = paid > 0
            ? new ComponentResult(100 * log.PaidOnTime / paid, "payment.on-time-ratio", log.PaidOnTime, paid)
            : new ComponentResult(100, "payment.nothing-overdue", 0, 0);

        var overdue = log.WorstOverdueDays(now);
        var cap = overdue > policy.SevereOverdueDays ? 10 : overdue > 15 ? 30 : overdue > 0 ? 60 : 100;
        if (cap < result.Score)
            result = new ComponentResult(cap, overdue > policy.SevereOverdueDays ? "payment.invoice-severely-overdue" : "payment.invoice-overdue", overdue, policy.SevereOverdueDays);

        var recent = SupportLog.CountSince(log.FailedDays, today - RecentFailureDays + 1);
        var older = SupportLog.CountSince(log.FailedDays, today - FailedWindowDays + 1) - recent;
        if (recent > 0)
        {
            var failedCap = recent >= 2 ? 10 : 25;
            if (failedCap < result.Score) result = new ComponentResult(failedCap, "payment.failed-payments-in-30-days", recent, 0);
        }
        if (older > 0)
            result = new ComponentResult(Math.Max(0, result.Score - OlderFailurePenalty * older), "payment.failed-payments-in-90-days", older, 0);
        return result;
    }
}
