using System.IO.Hashing;
using System.Text;

namespace Pulse.Health.Model.State;

/// <summary>
/// Remembers the messageIds an account applied in the last <see cref="WindowDays"/> days (docs/architecture.md §3.2: at least a
/// 7-day window). Ids are kept as 64-bit hashes in one sorted list per day, so expiry drops whole days at once and
/// an id costs 8 bytes (a hash set costs ~24: with millions of resident accounts this is most of an account's memory
/// after a backfill). The chance that two distinct ids of one account collide is ~n²/2⁶⁴, i.e. nil at any realistic volume.
/// </summary>
public sealed class MessageDeduplicator
{
    public const int WindowDays = 8;

    private readonly Dictionary<int, List<ulong>> _byDay = [];
    /// <summary>An expired day's list, emptied and kept for the next new day, so a steady stream does not allocate a list a day.</summary>
    private List<ulong>? _spare;
    /// <summary>The oldest day held (int.MaxValue when none): lets <see cref="Expire"/> return at once on most events.</summary>
    private int _oldestDay = int.MaxValue;

    public int Count => _byDay.Values.Sum(s => s.Count);

    public static ulong Hash(string messageId)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = messageId.Length <= 64 ? buffer[..Encoding.UTF8.GetBytes(messageId, buffer)] : Encoding.UTF8.GetBytes(messageId);
        return XxHash64.HashToUInt64(bytes);
    }

    public bool Contains(ulong hash)
    {
        foreach (var day in _byDay.Values)
            if (day.BinarySearch(hash) >= 0) return true;
        return false;
    }

    /// <summary>Records the id on the day it was received; returns false when it was already there.</summary>
    public bool TryAdd(ulong hash, int receivedDay)
    {
        if (!_byDay.TryGetValue(receivedDay, out var list))
        {
            if (Contains(hash)) return false;
            list = _spare ?? [];
            _spare = null;
            _byDay[receivedDay] = list;
            if (receivedDay < _oldestDay) _oldestDay = receivedDay;
            list.Add(hash);
            return true;
        }
        var at = list.BinarySearch(hash);
        if (at >= 0) return false;
        foreach (var (day, other) in _byDay)
            if (day != receivedDay && other.BinarySearch(hash) >= 0) return false;
        list.Insert(~at, hash);
        return true;
    }

    public void Expire(int today)
    {
        if (_oldestDay > today - WindowDays) return; // nothing old enough: the common case, no walk over the days
        _oldestDay = int.MaxValue;
        // Removing while enumerating is allowed for Dictionary (since .NET Core 3.0), so no list of days to drop.
        foreach (var (day, set) in _byDay)
        {
            if (day > today - WindowDays)
            {
                if (day < _oldestDay) _oldestDay = day;
                continue;
            }
            _byDay.Remove(day);
            set.Clear();
            _spare = set;
            // A day that will take no more ids gives back its slack.
            foreach (var (held, list) in _byDay) if (held < today) list.TrimExcess();
        }
    }

    internal IEnumerable<KeyValuePair<int, List<ulong>>> Days => _byDay;

    internal void Restore(int day, IEnumerable<ulong> hashes)
    {
        var list = new List<ulong>(hashes);
        list.Sort();
        _byDay[day] = list;
        if (day < _oldestDay) _oldestDay = day;
    }
}
