namespace Pulse.Health.Model.State;

/// <summary>Tickets and outages an account had: what the support component and the surge rule read.</summary>
public sealed class SupportLog
{
    public const int MaxOpenTickets = 64;
    public const int WindowDays = 30;

    public Dictionary<string, OpenTicket> Open { get; } = new(StringComparer.Ordinal);
    /// <summary>Day numbers of tickets opened in the last 30 days (pruned as time passes).</summary>
    public List<int> OpenedDays { get; } = [];
    public List<int> EscalationDays { get; } = [];
    public List<int> OutageDays { get; } = [];
    public bool HasData { get; set; }

    public void Prune(int today)
    {
        var cutoff = today - WindowDays + 1;
        DayLists.RemoveBefore(OpenedDays, cutoff);
        DayLists.RemoveBefore(EscalationDays, cutoff);
        DayLists.RemoveBefore(OutageDays, cutoff);
    }

    public static int CountSince(List<int> days, int fromDay)
    {
        var n = 0;
        foreach (var d in days) if (d >= fromDay) n++;
        return n;
    }

    /// <summary>Age in days of the oldest open P1/P2 ticket, or 0 when none is open.</summary>
    public int OldestCriticalAgeDays(int today)
    {
        var age = 0;
        foreach (var t in Open.Values)
            if (t.Priority <= 2) age = Math.Max(age, today - t.OpenedDay);
        return age;
    }
}

/// <param name="Priority">1 (P1) to 4 (P4).</param>
public readonly record struct OpenTicket(int OpenedDay, int Priority, bool Escalated);
