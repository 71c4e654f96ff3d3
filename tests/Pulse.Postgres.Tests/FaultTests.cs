using System.Collections.Concurrent;
using Npgsql;
using Xunit.Abstractions;

namespace Pulse.Postgres.Tests;

/// <summary>
/// Three silo processes form one cluster through PostgreSQL membership; a known stream is replayed through all three
/// ingest APIs while one silo is killed with SIGKILL. Afterwards every account has applied exactly what was accepted.
/// </summary>
[Trait("Category", "Integration")] // needs a real PostgreSQL cluster and silo processes
[Collection(PostgresCollection.Name)]
public sealed class FaultTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_of_one_of_three_silos_loses_nothing_and_counts_nothing_twice()
    {
        const int accounts = 20_000, eventsPerAccount = 10, batchSize = 250;
        var cs = await server.CreateDatabaseAsync("fault");
        var clusterId = $"fault-{Guid.NewGuid():N}";
        var stream = KnownStream.Build("fault", accounts, eventsPerAccount, batchSize);
        Assert.Equal(accounts * eventsPerAccount, stream.Sum(b => b.Accounts.Count));

        // The first silo migrates the schema; the others join the cluster it created.
        var a = await SiloProcess.StartAsync("a", cs, clusterId);
        var others = await Task.WhenAll(SiloProcess.StartAsync("b", cs, clusterId), SiloProcess.StartAsync("c", cs, clusterId));
        var silos = new List<SiloProcess> { a, others[0], others[1] };
        var victim = others[0];
        try
        {
            Assert.Equal(3, await ActiveSilosAsync(cs, clusterId));
            var live = silos.ToList();
            var sender = new PersistentSender(() => { lock (live) return live.Select(s => s.BaseAddress).ToList(); });
            var acceptedPerAccount = new ConcurrentDictionary<string, long>();
            var batchesDone = 0;
            var killed = false;
            var started = DateTime.UtcNow;
            await sender.SendAllAsync(stream, concurrency: 8, onAccepted: batch =>
            {
                foreach (var account in batch.Accounts)
                    acceptedPerAccount.AddOrUpdate(KnownStream.AccountId("fault", account), 1, (_, n) => n + 1);
                if (Interlocked.Increment(ref batchesDone) == stream.Count * 2 / 5 && !killed)
                {
                    killed = true;
                    output.WriteLine($"kill -9 silo {victim.Name} (pid {victim.Pid}) after {batchesDone} of {stream.Count} batches, {(DateTime.UtcNow - started).TotalSeconds:F1} s");
                    lock (live) live.Remove(victim);
                    victim.Kill9();
                }
            });
            var ingestSeconds = (DateTime.UtcNow - started).TotalSeconds;
            output.WriteLine($"accepted {sender.Accepted} events in {ingestSeconds:F1} s ({sender.Accepted / ingestSeconds:F0}/s); {sender.ConnectionFailures} requests broken by the kill were resent; {sender.Answers.Count(x => x.Status == 503)} × 503");

            Assert.True(killed);
            Assert.True(victim.HasExited);
            Assert.Equal(accounts * eventsPerAccount, sender.Accepted);
            Assert.Equal(accounts * eventsPerAccount, acceptedPerAccount.Values.Sum());

            var survivors = silos.Where(s => s != victim).ToList();
            // Generous: on a shared 2-core machine delivery of the last events can lag ingest by minutes.
            var mismatches = await AccountCheck.MismatchesAsync(survivors, acceptedPerAccount, TimeSpan.FromSeconds(360));
            output.WriteLine($"all {accounts} accounts checked {(DateTime.UtcNow - started).TotalSeconds:F1} s after the start; mismatches: {mismatches.Count}; dead letters: {await DeadLettersAsync(cs)}");
            Assert.True(mismatches.Count == 0,
                $"{mismatches.Count} accounts differ, e.g. " + string.Join(", ", mismatches.Take(10).Select(m => $"{m.Key}: accepted {m.Value.Expected}, applied {m.Value.Actual}")) +
                $"\nsilo a:\n{a.Tail(20)}");
        }
        finally
        {
            foreach (var s in silos) await s.DisposeAsync();
        }
    }

    private static async Task<long> DeadLettersAsync(string cs)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand("SELECT count(*) FROM pulse_event_dead_letter");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<long> ActiveSilosAsync(string cs, string clusterId)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long active = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using var cmd = db.CreateCommand("SELECT count(*) FROM pulse_membership WHERE deployment_id = @d AND status = 3");
            cmd.Parameters.AddWithValue("d", clusterId);
            active = (long)(await cmd.ExecuteScalarAsync())!;
            if (active == 3) break;
            await Task.Delay(250);
        }
        return active;
    }
}
