using Npgsql;
using Pulse.Silo.Hosting;

namespace Pulse.Postgres.Tests;

[Trait("Category", "Integration")] // needs a real PostgreSQL cluster
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresServer server)
{
    /// <summary>Every query key Orleans 10.4.2's ADO.NET clustering, persistence and reminder providers read.</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task Schema_applies_twice_and_holds_every_provider_query()
    {
        var cs = await server.CreateDatabaseAsync("schema");
        await using var db = NpgsqlDataSource.Create(cs);

        var first = await new SchemaMigrator(db).MigrateAsync(8);
        var second = await new SchemaMigrator(db).MigrateAsync(8);

        Assert.Equal([1, 2], first);
        Assert.Empty(second);
        var keys = new List<string>();
        await using (var cmd = db.CreateCommand("SELECT QueryKey FROM OrleansQuery"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        Assert.Empty(ProviderQueryKeys.Except(keys));
        await using (var cmd = db.CreateCommand("SELECT count(*) FROM pg_inherits WHERE inhparent = 'pulse_event_log'::regclass"))
            Assert.Equal(8L, (long)(await cmd.ExecuteScalarAsync())!);
        await using (var cmd = db.CreateCommand("SELECT count(*) FROM pulse_stream_partition"))
            Assert.Equal(8L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_version_once()
    {
        var cs = await server.CreateDatabaseAsync("schemarace");
        await using var db = NpgsqlDataSource.Create(cs);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new SchemaMigrator(db).MigrateAsync(4)));

        Assert.Equal([1, 2], results.SelectMany(r => r).Order());
    }

    [Fact]
    public async Task A_different_partition_count_fails_naming_the_setting()
    {
        var cs = await server.CreateDatabaseAsync("schemaparts");
        await using var db = NpgsqlDataSource.Create(cs);
        await new SchemaMigrator(db).MigrateAsync(8);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator(db).MigrateAsync(16));

        Assert.Contains("Pulse:Postgres:Partitions", ex.Message);
        Assert.Contains("8", ex.Message);
    }

    [Fact]
    public void Missing_connection_string_fails_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PulseSiloHost.Build(["--Pulse:Profile=postgres", "--urls", "http://127.0.0.1:0"]));

        Assert.Contains("ConnectionStrings:Pulse", ex.Message);
    }

    [Fact]
    public void Malformed_connection_string_fails_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            PulseSiloHost.Build(["--Pulse:Profile=postgres", "--ConnectionStrings:Pulse=Hots=nowhere;Prot=1", "--urls", "http://127.0.0.1:0"]));

        Assert.Contains("ConnectionStrings:Pulse", ex.Message);
    }

    [Fact]
    public async Task Unreachable_server_fails_naming_where()
    {
        var port = Repo.FreePort();
        // The schema is migrated as the host starts, before Orleans: starting is what fails.
        await using var app = PulseSiloHost.Build(["--Pulse:Profile=postgres", $"--ConnectionStrings:Pulse=Host=127.0.0.1;Port={port};Username=pulse;Database=pulse;Timeout=3", "--urls", "http://127.0.0.1:0"]);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Contains("ConnectionStrings:Pulse", ex.Message);
    }
}
