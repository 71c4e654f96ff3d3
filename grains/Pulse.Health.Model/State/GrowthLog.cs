namespace Pulse.Health.Model.State;

/// <summary>Contract growth since the first known ARR, upgrades, and advocacy (references, reviews, case studies, referrals).</summary>
public sealed class GrowthLog
{
    public const int MaxAdvocacy = 32;

    /// <summary>The first ARR the account was seen with: what growth is measured against.</summary>
    public double? InitialArr { get; set; }
    public DateTimeOffset? LastUpgradeAt { get; set; }
    public List<DateTimeOffset> AdvocacyAt { get; } = [];
    public bool HasData => InitialArr is > 0 || LastUpgradeAt is not null || AdvocacyAt.Count > 0;

    public void RecordAdvocacy(DateTimeOffset at)
    {
        if (AdvocacyAt.Count >= MaxAdvocacy) AdvocacyAt.RemoveAt(0);
        AdvocacyAt.Add(at);
    }

    /// <summary>Advocacy records at or after <paramref name="from"/>. A loop, not LINQ: scoring calls it on every evaluation.</summary>
    public int AdvocacySince(DateTimeOffset from)
    {
        var n = 0;
        foreach (var at in AdvocacyAt) if (at >= from) n++;
        return n;
    }
}
