using System.IO.Hashing;
using System.Text;

namespace Pulse.Health.Model.State;

/// <summary>
/// Remembers the messageIds an account applied in the last <see cref="WindowDays"/> days (DESIGN §3: at least a
/// 7-day window). Ids are kept as 64-bit hashes in one set per day, so expiry drops whole days at once; the chance
/// that two distinct ids of one account collide is ~n²/2⁶⁴, i.e. nil at any realistic volume.
/// </summary>
public sealed class MessageDeduplicator
{
    public const int WindowDays = 8;

    private readonly Dictionary<int, HashSet<ulong>> _byDay = [];
    /// <summary>An expired day's set, emptied and kept for the next new day, so a steady stream does not allocate a set a day.</summary>
    private HashSet<ulong>? _spare;
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
        foreach (var set in _byDay.Values)
            if (set.Contains(hash)) return true;
        return false;
    }

    /// <summary>Records the id on the day it was received; returns false when it was already there.</summary>
    public bool TryAdd(ulong hash, int receivedDay)
    {
        if (Contains(hash)) return false;
        if (!_byDay.TryGetValue(receivedDay, out var set))
        {
            set = _spare ?? [];
            _spare = null;
            _byDay[receivedDay] = set;
            if (receivedDay < _oldestDay) _oldestDay = receivedDay;
        }
        set.Add(hash);
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
        }
    }

    internal IEnumerable<KeyValuePair<int, HashSet<ulong>>> Days => _byDay;

    internal void Restore(int day, IEnumerable<ulong> hashes)
    {
        _byDay[day] = [.. hashes];
        if (day < _oldestDay) _oldestDay = day;
    }
}
