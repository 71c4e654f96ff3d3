using Npgsql;

namespace Pulse.Postgres.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster made by our own script (scripts/postgres.sh): initdb'd as a non-root user on a free
/// loopback port, destroyed afterwards. Each test gets its own database in it. If PostgreSQL is not available the
/// tests fail (never skip): CI must run them.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(Repo.Root, "scripts", "postgres.sh");

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"pulse-pg-{Guid.NewGuid():N}");
    public int Port { get; } = Repo.FreePort();
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=pulse;Database=pulse;Pooling=false";

    public async Task InitializeAsync()
    {
        try
        {
            await Repo.RunAsync("bash", Script, "start", Directory, Port.ToString());
        }
        catch (Exception ex)
        {
            var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: these tests must run)" : "";
            throw new InvalidOperationException($"PostgreSQL is unavailable{ci}; run scripts/install-prerequisites.sh. {ex.Message}", ex);
        }
    }

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn)) await cmd.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=pulse;Database={name}";
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected); <see cref="ResumeAsync"/> starts it again.</summary>
    public Task StopAsync() => Repo.RunAsync("bash", Script, "stop", Directory);

    public Task ResumeAsync() => Repo.RunAsync("bash", Script, "resume", Directory);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Repo.RunAsync("bash", Script, "destroy", Directory);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
