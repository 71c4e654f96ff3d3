namespace Pulse.Health.Model.Explanation;

/// <summary>
/// The recent score changes of one account, bounded so an account's memory stays small. The newest
/// <see cref="KeptInOrder"/> entries are always kept; beyond them, when the ledger is full, the smallest move goes
/// first. So the handful of events that really moved an account (the failed payment that made it red) survive a
/// stream of small day-to-day wobbles, and "why is this account red?" can still name them.
/// </summary>
public sealed class ExplanationLedger
{
    public const int Capacity = 16;
    public const int KeptInOrder = Capacity / 2;

    // Oldest first.
    private readonly List<ExplanationEntry> _entries = new(Capacity);

    public int Count => _entries.Count;

    public void Add(ExplanationEntry entry)
    {
        if (_entries.Count == Capacity)
        {
            var smallest = 0;
            for (var i = 1; i < Capacity - KeptInOrder; i++)
                if (Math.Abs(_entries[i].Delta) < Math.Abs(_entries[smallest].Delta)) smallest = i;
            _entries.RemoveAt(smallest);
        }
        _entries.Add(entry);
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ExplanationEntry> Recent()
    {
        var recent = new ExplanationEntry[_entries.Count];
        for (var i = 0; i < recent.Length; i++) recent[i] = _entries[^(i + 1)];
        return recent;
    }
}
