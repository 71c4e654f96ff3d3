using System.Collections.Concurrent;

namespace Pulse.Postgres.Tests;

/// <summary>Reads every account's eventsApplied through the read API of live silos until they match what was accepted.</summary>
public static class AccountCheck
{
    /// <returns>Accounts whose eventsApplied differs from the expected count (empty when all match).</returns>
    public static async Task<IReadOnlyDictionary<string, (long Expected, long Actual)>> MismatchesAsync(
        IReadOnlyList<SiloProcess> silos, IReadOnlyDictionary<string, long> expected, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var pending = expected.Keys.ToList();
        var actual = new ConcurrentDictionary<string, long>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stillWrong = new ConcurrentBag<string>();
            var i = 0;
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (account, _) =>
            {
                var silo = silos[Interlocked.Increment(ref i) % silos.Count];
                long applied;
                try
                {
                    applied = (await silo.GetAccountAsync(http, account))?.EventsApplied ?? 0;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    applied = -1;
                }
                actual[account] = applied;
                if (applied != expected[account]) stillWrong.Add(account);
            });
            pending = [.. stillWrong];
            // More than expected can never heal (double counting): report at once.
            if (pending.Count == 0 || DateTime.UtcNow > deadline || pending.Any(a => actual[a] > expected[a]))
                return pending.ToDictionary(a => a, a => (expected[a], actual[a]));
            await Task.Delay(1000);
        }
    }
}
