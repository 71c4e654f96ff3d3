using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace Pulse.Postgres.Tests;

/// <summary>PostgreSQL stops during ingest: ingest refuses with 503 + Retry-After and never answers 200 for what it could not commit.</summary>
[Trait("Category", "Integration")] // needs a real PostgreSQL cluster and silo processes
[Collection(PostgresCollection.Name)]
public sealed class OutageTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Database_outage_answers_503_with_retry_after_and_everything_accepted_is_applied()
    {
        const int accounts = 2_000, eventsPerAccount = 10, batchSize = 100;
        var cs = await server.CreateDatabaseAsync("outage");
        var stream = KnownStream.Build("outage", accounts, eventsPerAccount, batchSize, seed: 11);
        await using var silo = await SiloProcess.StartAsync("outage", cs, $"outage-{Guid.NewGuid():N}");

        var sender = new PersistentSender(() => [silo.BaseAddress]);
        var acceptedPerAccount = new ConcurrentDictionary<string, long>();
        var batchesDone = 0;
        var outageStarted = new TaskCompletionSource();
        var sending = sender.SendAllAsync(stream, concurrency: 4, onAccepted: batch =>
        {
            foreach (var account in batch.Accounts)
                acceptedPerAccount.AddOrUpdate(KnownStream.AccountId("outage", account), 1, (_, n) => n + 1);
            if (Interlocked.Increment(ref batchesDone) == stream.Count / 3) outageStarted.TrySetResult();
        });

        await outageStarted.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await server.StopAsync();
        var down = DateTime.UtcNow; // from here until `up`, nothing can commit
        await Task.Delay(TimeSpan.FromSeconds(5));
        var up = DateTime.UtcNow;
        await server.ResumeAsync();
        await sending.WaitAsync(TimeSpan.FromMinutes(3));

        var duringOutage = sender.Answers.Where(x => x.SentAt >= down && x.At <= up).ToList();
        output.WriteLine($"answers while down: {duringOutage.Count} ({duringOutage.Count(x => x.Status == 503)} × 503); total accepted {sender.Accepted}");
        Assert.Contains(duringOutage, x => x.Status == 503);
        Assert.DoesNotContain(duringOutage, x => x.Status == 200);
        Assert.All(sender.Answers.Where(x => x.Status == 503), x => Assert.True(x.HasRetryAfter, "a 503 without Retry-After"));
        Assert.Equal(accounts * eventsPerAccount, sender.Accepted);

        var mismatches = await AccountCheck.MismatchesAsync([silo], acceptedPerAccount, TimeSpan.FromSeconds(120));
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} accounts differ, e.g. " + string.Join(", ", mismatches.Take(10).Select(m => $"{m.Key}: accepted {m.Value.Expected}, applied {m.Value.Actual}")) +
            $"\n{silo.Tail(30)}");
    }
}
