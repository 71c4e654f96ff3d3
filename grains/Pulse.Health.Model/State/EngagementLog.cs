namespace Pulse.Health.Model.State;

/// <summary>E-mail engagement in the last 90 days, as day numbers per kind (pruned as time passes, bounded).</summary>
public sealed class EngagementLog
{
    public const int WindowDays = 90;
    public const int MaxPerKind = 200;

    public List<int> Opens { get; } = [];
    public List<int> Clicks { get; } = [];
    public List<int> Bounces { get; } = [];
    public List<int> Unsubscribes { get; } = [];
    /// <summary>Webinars attended and community posts: participation beyond e-mail (book L2709–2715, laws L831–833).</summary>
    public List<int> Participation { get; } = [];
    public bool HasData { get; set; }

    public static void Add(List<int> days, int day)
    {
        if (days.Count >= MaxPerKind) days.RemoveAt(0);
        days.Add(day);
    }

    public void Prune(int today)
    {
        var cutoff = today - WindowDays + 1;
        DayLists.RemoveBefore(Opens, cutoff);
        DayLists.RemoveBefore(Clicks, cutoff);
        DayLists.RemoveBefore(Bounces, cutoff);
        DayLists.RemoveBefore(Unsubscribes, cutoff);
        DayLists.RemoveBefore(Participation, cutoff);
    }
}
