using System.Net;
using Npgsql;
using Orleans.Configuration;
using Pulse.Ingest.Segment;
using Pulse.Postgres;
using Pulse.Postgres.Ingest;

namespace Pulse.Silo.Hosting;

/// <summary>
/// The postgres profile (<c>Pulse:Profile=postgres</c>): reads and checks its settings, migrates the schema before
/// Orleans starts (so the ADO.NET providers find their queries), and plugs the durable log into ingest and Orleans.
/// </summary>
public static class PostgresProfile
{
    public readonly record struct Settings(string ConnectionString, PostgresOptions Options);

    public static Settings Prepare(WebApplicationBuilder builder)
    {
        var (connectionString, options) = PostgresServices.ReadSettings(builder.Configuration);
        MigrateAsync(connectionString, options).GetAwaiter().GetResult();
        builder.Services.AddPulsePostgres(connectionString, options);
        builder.Services.AddSingleton<IUserLinkStore, GrainUserLinkStore>(); // links must outlive a silo here
        builder.Services.AddSingleton<DurableEventSink>();
        builder.Services.AddSingleton<IAccountEventSink>(sp => sp.GetRequiredService<DurableEventSink>());
        return new Settings(connectionString, options);
    }

    /// <summary>Applies the schema (idempotent); the <c>migrate</c> command runs only this.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, PostgresOptions options, CancellationToken ct = default)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        try
        {
            return await new SchemaMigrator(db).MigrateAsync(options.Partitions, ct);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"Cannot prepare PostgreSQL at {PostgresConnection.Describe(connectionString)} (from {PostgresConnection.ConnectionStringKey}): {ex.Message}", ex);
        }
    }

    public static void ConfigureSilo(ISiloBuilder silo, Settings settings, OrleansEndpointOptions o)
    {
        // Several silos on one machine: each its own ports, all on loopback unless configured otherwise.
        silo.ConfigureEndpoints(IPAddress.Loopback, o.SiloPort, o.GatewayPort, listenOnAnyHostAddress: false);
        silo.UsePulsePostgres(settings.ConnectionString, c =>
        {
            c.ClusterId = o.ClusterId;
            c.ServiceId = o.ServiceId;
        });
        // A kill -9'd silo is declared dead in ~10 s rather than the default ~15+ s, without making a busy silo on a
        // loaded machine look dead (two votes, three missed probes).
        silo.Configure<ClusterMembershipOptions>(m =>
        {
            m.ProbeTimeout = TimeSpan.FromSeconds(3);
            m.NumMissedProbesLimit = 3;
            m.NumVotesForDeathDeclaration = 2;
        });
    }
}
