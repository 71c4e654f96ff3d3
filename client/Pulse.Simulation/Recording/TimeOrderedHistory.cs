using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Recording;

/// <summary>
/// The whole synthetic history of a population as one stream ordered by timestamp, as a real pipeline would deliver
/// it. Every account steps through the same day (in parallel, by partition); the day's messages are then sorted by
/// (timestamp, account, the account's own order), so memory holds one day of messages, not the whole history.
/// Accounts never emit a message older than their previous one, so the sort keeps each account's order.
/// </summary>
public sealed class TimeOrderedHistory(CustomerGenerator generator, int parallelism = 0)
{
    private readonly int _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;

    /// <summary>Days the history spans (at least one: with no backfill days there are still the group calls).</summary>
    public int Days => Math.Max(1, generator.Options.BackfillDays);

    /// <summary>The messages in timestamp order. <paramref name="dayDone"/> is told each finished day (1-based).</summary>
    public IEnumerable<SimMessage> Messages(Action<int>? dayDone = null, CancellationToken cancellationToken = default)
    {
        var partitions = Math.Min(_parallelism, generator.Options.Accounts);
        var parts = new List<SimMessage>[partitions];
        for (var day = 0; day < Days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, p =>
            {
                var list = new List<SimMessage>();
                foreach (var account in generator.Partition(p, partitions)) list.AddRange(account.NextDay());
                parts[p] = list;
            });
            var all = new List<SimMessage>(parts.Sum(l => l.Count));
            foreach (var list in parts) all.AddRange(list);
            Array.Clear(parts);
            // OrderBy is stable: equal (timestamp, account) keep the account's own order.
            foreach (var m in all.OrderBy(m => m.Timestamp.UtcTicks).ThenBy(m => m.AccountIndex)) yield return m;
            dayDone?.Invoke(day + 1);
        }
    }
}
