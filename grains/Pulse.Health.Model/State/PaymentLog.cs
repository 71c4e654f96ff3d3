namespace Pulse.Health.Model.State;

/// <summary>Invoices still open and how past invoices were paid.</summary>
public sealed class PaymentLog
{
    public const int MaxOpenInvoices = 64;
    /// <summary>Paid invoices remembered for the on-time ratio; older history fades proportionally.</summary>
    public const double HistoryDepth = 12;

    public Dictionary<string, OpenInvoice> Open { get; } = new(StringComparer.Ordinal);
    public double PaidOnTime { get; set; }
    public double PaidLate { get; set; }
    public List<int> FailedDays { get; } = [];
    public bool HasData { get; set; }

    public void RecordPaid(bool onTime)
    {
        if (onTime) PaidOnTime++; else PaidLate++;
        var total = PaidOnTime + PaidLate;
        if (total > HistoryDepth)
        {
            PaidOnTime *= HistoryDepth / total;
            PaidLate *= HistoryDepth / total;
        }
    }

    /// <summary>Days the most overdue open invoice is past its due date (0 when none is overdue).</summary>
    public int WorstOverdueDays(DateTimeOffset now)
    {
        var worst = 0;
        foreach (var inv in Open.Values)
        {
            if (inv.DueDate is { } due && now > due)
                worst = Math.Max(worst, (int)(now - due).TotalDays);
        }
        return worst;
    }
}

public readonly record struct OpenInvoice(double Amount, DateTimeOffset? DueDate);
