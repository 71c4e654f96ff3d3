using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Events;
using Pulse.Postgres;
using Pulse.Postgres.Log;
using Pulse.Postgres.Tests;

// Usage: dotnet run -c Release --project benchmarks/Pulse.Bench.Postgres -- [accounts] [eventsPerAccount] [batchSize] [connections] [output.md]
var accounts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var perAccount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
var connections = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
var output = args.Length > 4 ? args[4] : Path.Combine(Repo.Root, "benchmarks", "results", "postgres.md");
var total = accounts * perAccount;

var script = Path.Combine(Repo.Root, "scripts", "postgres.sh");
var dir = Path.Combine(Path.GetTempPath(), $"pulse-bench-pg-{Guid.NewGuid():N}");
var port = Repo.FreePort();
await Repo.RunAsync("bash", script, "start", dir, port.ToString(CultureInfo.InvariantCulture));
try
{
    var admin = $"Host=127.0.0.1;Port={port};Username=pulse;Database=pulse";
    var stream = KnownStream.Build("bench", accounts, perAccount, batchSize);
    Console.WriteLine($"stream: {total:N0} events over {accounts:N0} accounts, {stream.Count} requests of {batchSize}, {connections} connections");

    // 1. Durable end-to-end: HTTP ingest → committed → scored (the wall's eventsApplied reaches the total).
    var e2eDb = await CreateDatabaseAsync(admin, "bench_e2e");
    double e2eRate, ingestRate, stateWrites;
    await using (var silo = await SiloProcess.StartAsync("bench", e2eDb, "bench"))
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var sender = new PersistentSender(() => [silo.BaseAddress]);
        var clock = Stopwatch.StartNew();
        await sender.SendAllAsync(stream, connections);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        while ((await http.GetFromJsonAsync<WallFrame>("/api/wall"))!.Totals.EventsApplied < total)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("the accounts did not apply every event within 10 minutes");
            await Task.Delay(20);
        }
        var scoredSeconds = clock.Elapsed.TotalSeconds;
        e2eRate = total / scoredSeconds;
        ingestRate = total / ingestSeconds;
        // Persisted state: account rows written (each write bumps the row version) per second of the run plus write-behind.
        await Task.Delay(TimeSpan.FromSeconds(6));
        await using var db = NpgsqlDataSource.Create(e2eDb);
        await using var cmd = db.CreateCommand("SELECT coalesce(sum(version), 0)::bigint FROM pulse_grain_state WHERE grain_type = 'account'");
        stateWrites = (long)(await cmd.ExecuteScalarAsync())! / (clock.Elapsed.TotalSeconds);
        Console.WriteLine($"durable end-to-end: {e2eRate:N0} events/s (all {total:N0} scored after {scoredSeconds:F1} s; ingest committed them at {ingestRate:N0}/s; {sender.Answers.Count(a => a.Status == 503)} × 503)");
    }

    // 2. Raw PostgreSQL: binary COPY of the same rows (same encoding, table, indexes, batch size and concurrency).
    var rawDb = await CreateDatabaseAsync(admin, "bench_raw");
    double rawRate;
    await using (var db = NpgsqlDataSource.Create(rawDb))
    {
        await new SchemaMigrator(db).MigrateAsync(new PostgresOptions().Partitions);
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var codec = new EventPayloadCodec(services.GetRequiredService<Serializer<HealthEvent>>());
        var partitions = new LogPartitions(new PostgresOptions().Partitions, StreamNames.Provider);
        var rows = stream.Select(b => b.Accounts.Select((a, i) =>
        {
            var account = KnownStream.AccountId("bench", a);
            var e = new HealthEvent { MessageId = $"raw-{b.Index}-{i}", Name = "Session Started", Kind = EventKind.SessionStarted, Timestamp = DateTimeOffset.UtcNow, UserId = $"u-{a}", Platform = "web" };
            return (Partition: partitions.OfAccount(account), Account: account, e.MessageId, Payload: codec.Encode(e));
        }).ToArray()).ToArray();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < rows.Length)
            {
                await using var conn = await db.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await using (var w = await conn.BeginBinaryImportAsync("COPY pulse_event_log (partition, seq, account_id, message_id, payload) FROM STDIN (FORMAT BINARY)"))
                {
                    for (var r = 0; r < rows[i].Length; r++)
                    {
                        await w.StartRowAsync();
                        await w.WriteAsync(rows[i][r].Partition, NpgsqlDbType.Integer);
                        await w.WriteAsync(r, NpgsqlDbType.Integer);
                        await w.WriteAsync(rows[i][r].Account, NpgsqlDbType.Text);
                        await w.WriteAsync(rows[i][r].MessageId, NpgsqlDbType.Text);
                        await w.WriteAsync(rows[i][r].Payload, NpgsqlDbType.Bytea);
                    }
                    await w.CompleteAsync();
                }
                await tx.CommitAsync();
            }
        }));
        rawRate = total / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"raw PostgreSQL COPY of the same rows: {rawRate:N0} rows/s");
    }

    var ratio = e2eRate / rawRate;
    Console.WriteLine($"ratio durable/raw: {ratio:F2}");
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
    var report = $"""
        # Postgres profile benchmark

        Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (load average before the report: {load};
        the silo, PostgreSQL and the sender share these cores). PostgreSQL 15, a throwaway cluster
        from `scripts/postgres.sh` (fsync and synchronous_commit on: every commit is durable). One silo process
        (`Pulse:Profile=postgres`, Debug/Release as built), client on the same machine.

        Stream: {total:N0} events over {accounts:N0} accounts, {stream.Count} requests of {batchSize} events, {connections} connections.

        | measure | value |
        |---|---|
        | durable end-to-end (HTTP ingest → committed → scored) | **{e2eRate:N0} events/s** |
        | ingest alone (every request answered 200 = committed) | {ingestRate:N0} events/s |
        | raw PostgreSQL binary COPY of the same rows (same table, indexes, batch size, connections) | {rawRate:N0} rows/s |
        | ratio durable / raw | **{ratio:F2}** |
        | persisted account-state writes | {stateWrites:N0} writes/s |

        Targets (docs/architecture.md §8): ≥ 25,000 events/s durable and ≥ 0.5 of raw.
        Reproduce: `dotnet run -c Release --project benchmarks/Pulse.Bench.Postgres -- {accounts} {perAccount} {batchSize} {connections}`.

        """;
    // One machine-readable line for the benchmark book (benchmarks/run-book.sh).
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
    {
        figure = "postgres", events = total, accounts, durableEventsPerSecond = Math.Round(e2eRate), ingestEventsPerSecond = Math.Round(ingestRate),
        rawRowsPerSecond = Math.Round(rawRate), ratio = Math.Round(ratio, 2), stateWritesPerSecond = Math.Round(stateWrites),
    }));
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine($"written to {output}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Repo.RunAsync("bash", script, "destroy", dir);
}

static async Task<string> CreateDatabaseAsync(string admin, string name)
{
    await using var conn = new NpgsqlConnection(admin);
    await conn.OpenAsync();
    await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn)) await cmd.ExecuteNonQueryAsync();
    return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
}
