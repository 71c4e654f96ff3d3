using System.Text;

namespace Pulse.Postgres.Tests;

/// <summary>One request body of a known stream and the events (per account) it carries.</summary>
public sealed record KnownBatch(int Index, string Json, IReadOnlyList<int> Accounts);

/// <summary>
/// A deterministic stream: <c>eventsPerAccount</c> "Session Started" events for each of <c>accounts</c> accounts with
/// unique messageIds, interleaved across accounts, cut into Segment batch requests.
/// </summary>
public static class KnownStream
{
    public static string AccountId(string prefix, int account) => $"{prefix}-{account:D6}";

    public static List<KnownBatch> Build(string prefix, int accounts, int eventsPerAccount, int batchSize, int seed = 7)
    {
        var random = new Random(seed);
        var batches = new List<KnownBatch>();
        var current = new List<(int Account, int Round)>(batchSize);
        for (var round = 0; round < eventsPerAccount; round++)
        {
            // Each round visits every account once in a shuffled order: per-account order is the round order.
            var order = Enumerable.Range(0, accounts).ToArray();
            random.Shuffle(order);
            foreach (var a in order)
            {
                current.Add((a, round));
                if (current.Count == batchSize) Flush();
            }
        }
        if (current.Count > 0) Flush();
        return batches;

        void Flush()
        {
            var json = new StringBuilder("{\"batch\":[");
            for (var i = 0; i < current.Count; i++)
            {
                var (a, r) = current[i];
                if (i > 0) json.Append(',');
                json.Append($"{{\"type\":\"track\",\"messageId\":\"{prefix}-{a}-{r}\",\"userId\":\"u-{a}\",\"event\":\"Session Started\",")
                    .Append($"\"context\":{{\"groupId\":\"{AccountId(prefix, a)}\"}},\"properties\":{{\"platform\":\"web\"}}}}");
            }
            json.Append("]}");
            batches.Add(new KnownBatch(batches.Count, json.ToString(), current.Select(c => c.Account).ToArray()));
            current.Clear();
        }
    }
}
