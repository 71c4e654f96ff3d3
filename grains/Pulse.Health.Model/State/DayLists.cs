namespace Pulse.Health.Model.State;

/// <summary>Helpers for the logs' lists of day numbers.</summary>
public static class DayLists
{
    /// <summary>
    /// Removes the days before <paramref name="cutoff"/>, keeping order. Pruning runs on every evaluation, so this is
    /// a plain loop: <c>RemoveAll</c> with a lambda capturing the cutoff allocates a closure and a delegate per call.
    /// </summary>
    public static void RemoveBefore(List<int> days, int cutoff)
    {
        var kept = 0;
        for (var i = 0; i < days.Count; i++)
            if (days[i] >= cutoff) days[kept++] = days[i];
        if (kept < days.Count) days.RemoveRange(kept, days.Count - kept);
    }
}
