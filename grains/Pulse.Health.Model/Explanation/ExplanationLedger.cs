namespace Pulse.Health.Model.Explanation;

/// <summary>The most recent score changes of one account, bounded so an account's memory stays small.</summary>
public sealed class ExplanationLedger
{
    public const int Capacity = 16;
    private readonly Queue<ExplanationEntry> _entries = new(Capacity);

    public int Count => _entries.Count;

    public void Add(ExplanationEntry entry)
    {
        if (_entries.Count == Capacity) _entries.Dequeue();
        _entries.Enqueue(entry);
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ExplanationEntry> Recent() => _entries.Reverse().ToArray();
}
