using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Pulse.Postgres;

/// <summary>
/// Applies our versioned schema scripts (embedded <c>Schema/NNN-*.sql</c>) in order, each at most once, under an
/// advisory lock so that silos starting together do not race; then makes sure the configured log partitions exist.
/// Running it again is a no-op: versions already applied are skipped, and the scripts are idempotent on their own.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource db, ILogger? logger = null)
{
    private const long LockKey = 0x50554C5345; // "PULSE"
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts[^1].Version;

    /// <returns>The versions applied by this call (empty when the database was already current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(int partitions, CancellationToken ct = default)
    {
        if (partitions < 1 || partitions > 1024)
            throw new InvalidOperationException($"{PostgresOptions.Section}:Partitions must be between 1 and 1024 (was {partitions}).");
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, "SELECT pg_advisory_lock(@k)", ct, ("k", LockKey));
        try
        {
            await Exec(conn, """
                CREATE TABLE IF NOT EXISTS pulse_schema_version (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("SELECT version FROM pulse_schema_version", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

            var done = new List<int>();
            foreach (var (version, name, sql) in Scripts)
            {
                if (applied.Contains(version)) continue;
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await using (var cmd = new NpgsqlCommand("INSERT INTO pulse_schema_version (version, name) VALUES (@v, @n)", conn, tx))
                {
                    cmd.Parameters.AddWithValue("v", version);
                    cmd.Parameters.AddWithValue("n", name);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                _logger.LogInformation("Applied schema version {Version} ({Name})", version, name);
                done.Add(version);
            }
            await EnsurePartitionsAsync(conn, partitions, ct);
            return done;
        }
        finally
        {
            await Exec(conn, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("k", LockKey));
        }
    }

    /// <summary>The partition count is part of the data's layout (accounts hash to partitions): it cannot change silently.</summary>
    private static async Task EnsurePartitionsAsync(NpgsqlConnection conn, int partitions, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO pulse_settings (name, value) VALUES ('partitions', @p) ON CONFLICT (name) DO NOTHING", conn))
        {
            cmd.Parameters.AddWithValue("p", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var cmd = new NpgsqlCommand("SELECT value FROM pulse_settings WHERE name = 'partitions'", conn))
        {
            var recorded = int.Parse((string)(await cmd.ExecuteScalarAsync(ct))!, System.Globalization.CultureInfo.InvariantCulture);
            if (recorded != partitions)
                throw new InvalidOperationException(
                    $"{PostgresOptions.Section}:Partitions is {partitions} but this database's event log was created with {recorded} partitions; " +
                    $"set {PostgresOptions.Section}:Partitions={recorded}.");
        }
        for (var p = 0; p < partitions; p++)
        {
            await Exec(conn, $"CREATE TABLE IF NOT EXISTS pulse_event_log_p{p} PARTITION OF pulse_event_log FOR VALUES IN ({p})", ct);
            await Exec(conn, $"INSERT INTO pulse_stream_partition (partition) VALUES ({p}) ON CONFLICT DO NOTHING", ct);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        const string prefix = "Pulse.Postgres.Schema.";
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name[..name.IndexOf('-')], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, name, reader.ReadToEnd()));
        }
        if (scripts.Count == 0) throw new InvalidOperationException("no schema scripts are embedded in " + assembly.GetName().Name);
        return scripts;
    }
}
