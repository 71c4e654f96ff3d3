namespace Pulse.Health.Model.State;

/// <summary>
/// Product activity per day for the last <see cref="Days"/> days (a ring of counters), plus when each key feature was
/// last used. 120 days covers "last 30 vs the trailing 90" (digest-001 §7.2) in 240 bytes.
/// </summary>
public sealed class ActivityLog
{
    public const int Days = 120;
    public const int MaxKeyFeatures = 32;
    /// <summary>
    /// Weeks of key-feature use kept: 26 full weeks cover "key-feature usage down >20% over 180 days" (book L3303),
    /// plus the week in progress, which is never compared (a partial week would read as a decline).
    /// </summary>
    public const int KeyWeeks = 27;
    private const int HalfYearWeeks = 13;
    /// <summary>Key-feature uses in the earlier half-year window below which a decline means nothing (design).</summary>
    public const int MinKeyUsesForDecline = 4;

    private readonly ushort[] _counts = new ushort[Days];
    private readonly ushort[] _keyWeeks = new ushort[KeyWeeks];

    /// <summary>The newest week (day / 7) with key-feature use recorded, or <see cref="int.MinValue"/>.</summary>
    public int KeyHeadWeek { get; private set; } = int.MinValue;
    /// <summary>
    /// Bit <c>i</c> set ⇔ ring slot <c>i</c> has a non-zero count. Derived from the counts (never persisted), so that
    /// <see cref="ActiveDays"/> — asked several times per evaluation — is two pop-counts instead of a walk over the ring.
    /// </summary>
    private UInt128 _active;

    /// <summary>The newest day written; ring slots older than <c>HeadDay - Days</c> are stale.</summary>
    public int HeadDay { get; private set; } = int.MinValue;
    public int FirstDay { get; private set; } = int.MaxValue;
    public int LastDay => HeadDay;
    public bool HasActivity => HeadDay != int.MinValue;

    /// <summary>Key feature name → last day used. Bounded: the least recently used feature is forgotten.</summary>
    public Dictionary<string, int> KeyFeatures { get; } = new(StringComparer.Ordinal);

    public void Record(int day, int count = 1)
    {
        if (HasActivity && day <= HeadDay - Days) return; // older than the window: nothing to count any more
        if (!HasActivity || day > HeadDay)
        {
            if (HasActivity)
            {
                var clear = Math.Min(day - HeadDay, Days);
                for (var i = 1; i <= clear; i++)
                {
                    var cleared = Slot(HeadDay + i);
                    _counts[cleared] = 0;
                    _active &= ~(UInt128.One << cleared);
                }
            }
            HeadDay = day;
        }
        if (day < FirstDay) FirstDay = day;
        var slot = Slot(day);
        _counts[slot] = (ushort)Math.Min(ushort.MaxValue, _counts[slot] + Math.Max(1, count));
        _active |= UInt128.One << slot;
    }

    public void RecordKeyFeature(string feature, int day)
    {
        RecordKeyUse(day);
        if (KeyFeatures.TryGetValue(feature, out var last) && last >= day) return;
        if (!KeyFeatures.ContainsKey(feature) && KeyFeatures.Count >= MaxKeyFeatures)
        {
            var oldest = KeyFeatures.MinBy(kv => kv.Value).Key;
            KeyFeatures.Remove(oldest);
        }
        KeyFeatures[feature] = day;
    }

    /// <summary>Days with any activity in [fromDay, toDay] (inclusive).</summary>
    public int ActiveDays(int fromDay, int toDay) =>
        Runs(fromDay, toDay) is var (first, firstLength, secondLength) && firstLength > 0
            ? ActiveSlots(first, first + firstLength - 1) + (secondLength > 0 ? ActiveSlots(0, secondLength - 1) : 0)
            : 0;

    /// <summary>Events recorded in [fromDay, toDay] (inclusive), summed a vector at a time (it runs on every adoption score).</summary>
    public int Events(int fromDay, int toDay) =>
        Runs(fromDay, toDay) is var (first, firstLength, secondLength) && firstLength > 0
            ? Sum(_counts.AsSpan(first, firstLength)) + Sum(_counts.AsSpan(0, secondLength))
            : 0;

    /// <summary>
    /// [fromDay, toDay] clipped to the window, as ring slots: it spans at most <see cref="Days"/> days, so it is one run
    /// of slots from <c>First</c> or two (the second from slot 0, when it wraps past the end). Empty: FirstLength 0.
    /// </summary>
    private (int First, int FirstLength, int SecondLength) Runs(int fromDay, int toDay)
    {
        if (!HasActivity) return (0, 0, 0);
        var lo = Math.Max(fromDay, HeadDay - Days + 1);
        var hi = Math.Min(toDay, HeadDay);
        if (lo > hi) return (0, 0, 0);
        var first = Slot(lo);
        var last = first + (hi - lo);
        return last < Days ? (first, last - first + 1, 0) : (first, Days - first, last - Days + 1);
    }

    private static int Sum(ReadOnlySpan<ushort> counts)
    {
        var i = 0;
        var sum = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && counts.Length >= System.Numerics.Vector<ushort>.Count)
        {
            var total = System.Numerics.Vector<uint>.Zero;
            for (; i <= counts.Length - System.Numerics.Vector<ushort>.Count; i += System.Numerics.Vector<ushort>.Count)
            {
                System.Numerics.Vector.Widen(new System.Numerics.Vector<ushort>(counts[i..]), out var low, out var high);
                total += low + high;
            }
            sum = (int)System.Numerics.Vector.Sum(total);
        }
        for (; i < counts.Length; i++) sum += counts[i];
        return sum;
    }

    private int ActiveSlots(int firstSlot, int lastSlot)
    {
        var width = lastSlot - firstSlot + 1;
        var bits = (_active >> firstSlot) & ((UInt128.One << width) - UInt128.One); // width ≤ Days < 128
        return (int)UInt128.PopCount(bits);
    }

    public int KeyFeaturesUsedSince(int fromDay)
    {
        var n = 0;
        foreach (var day in KeyFeatures.Values) if (day >= fromDay) n++;
        return n;
    }

    /// <summary>
    /// How much key-feature use fell: 1 − (uses in the last 13 full weeks ÷ uses in the 13 before), or NaN when the
    /// account has too little history for the comparison to mean anything.
    /// </summary>
    public double KeyFeatureDecline(int today)
    {
        if (KeyHeadWeek == int.MinValue || !HasActivity) return double.NaN;
        var lastFull = Week(today) - 1;
        if (Week(FirstDay) > lastFull - 2 * HalfYearWeeks + 1) return double.NaN; // younger than the two windows
        double recent = KeyUses(lastFull - HalfYearWeeks + 1, lastFull), earlier = KeyUses(lastFull - 2 * HalfYearWeeks + 1, lastFull - HalfYearWeeks);
        return earlier < MinKeyUsesForDecline ? double.NaN : 1 - recent / earlier;
    }

    private void RecordKeyUse(int day)
    {
        var week = Week(day);
        if (KeyHeadWeek != int.MinValue && week <= KeyHeadWeek - KeyWeeks) return;
        if (KeyHeadWeek == int.MinValue || week > KeyHeadWeek)
        {
            if (KeyHeadWeek != int.MinValue)
                for (var w = KeyHeadWeek + 1; w <= week && w <= KeyHeadWeek + KeyWeeks; w++) _keyWeeks[WeekSlot(w)] = 0;
            KeyHeadWeek = week;
        }
        var slot = WeekSlot(week);
        if (_keyWeeks[slot] < ushort.MaxValue) _keyWeeks[slot]++;
    }

    private int KeyUses(int fromWeek, int toWeek)
    {
        var sum = 0;
        for (var w = Math.Max(fromWeek, KeyHeadWeek - KeyWeeks + 1); w <= Math.Min(toWeek, KeyHeadWeek); w++) sum += _keyWeeks[WeekSlot(w)];
        return sum;
    }

    private static int Week(int day) => (int)Math.Floor(day / 7.0);
    private static int WeekSlot(int week) => ((week % KeyWeeks) + KeyWeeks) % KeyWeeks;

    internal ushort[] RawCounts => _counts;
    internal ushort[] RawKeyWeeks => _keyWeeks;

    internal void RestoreKeyWeeks(int keyHeadWeek, ReadOnlySpan<ushort> weeks)
    {
        KeyHeadWeek = keyHeadWeek;
        weeks.CopyTo(_keyWeeks);
    }

    internal void Restore(int headDay, int firstDay, ReadOnlySpan<ushort> counts)
    {
        HeadDay = headDay;
        FirstDay = firstDay;
        counts.CopyTo(_counts);
        _active = UInt128.Zero;
        for (var i = 0; i < Days; i++)
            if (_counts[i] != 0) _active |= UInt128.One << i;
    }

    private static int Slot(int day) => ((day % Days) + Days) % Days;
}
