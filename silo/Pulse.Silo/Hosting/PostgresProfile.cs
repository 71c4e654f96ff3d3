using System.Net;
using Npgsql;
using Orleans.Configuration;
using Pulse.Ingest.Segment;
using Pulse.Postgres;
using Pulse.Postgres.Ingest;

namespace Pulse.Silo.Hosting;

/// <summary>
/// The postgres profile (<c>Pulse:Profile=postgres</c>): reads and checks its settings, migrates the schema as the host
/// starts, before Orleans does (so the ADO.NET providers find their queries), and plugs the durable log into ingest and
/// Orleans.
/// </summary>
public static class PostgresProfile
{
    public readonly record struct Settings(string ConnectionString, PostgresOptions Options);

    public static Settings Prepare(WebApplicationBuilder builder)
    {
        var (connectionString, options) = PostgresServices.ReadSettings(builder.Configuration);
        var settings = new Settings(connectionString, options);
        // Registered before Orleans is, and it migrates in StartingAsync, which the host awaits before any StartAsync.
        builder.Services.AddHostedService(sp => new SchemaMigrationStep(settings, sp.GetRequiredService<ILogger<SchemaMigrator>>()));
        builder.Services.AddPulsePostgres(connectionString, options);
        builder.Services.AddSingleton<IUserLinkStore, GrainUserLinkStore>(); // links must outlive a silo here
        builder.Services.AddSingleton<DurableEventSink>();
        builder.Services.AddSingleton<IAccountEventSink>(sp => sp.GetRequiredService<DurableEventSink>());
        return settings;
    }

    /// <summary>Applies the schema (idempotent): at every silo start, and alone by the <c>migrate</c> command.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, PostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        try
        {
            return await new SchemaMigrator(db, logger).MigrateAsync(options.Partitions, ct);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"Cannot prepare PostgreSQL at {PostgresConnection.Describe(connectionString)} (from {PostgresConnection.ConnectionStringKey}): {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The migration as a step of the host's start: <see cref="IHostedLifecycleService.StartingAsync"/> runs, awaited,
    /// before any hosted service's StartAsync (the Orleans silo's, the log readers', Kestrel's), so nothing reads the
    /// schema before it exists and building the host does no I/O. A failure stops the start, naming the database.
    /// </summary>
    private sealed class SchemaMigrationStep(Settings settings, ILogger logger) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) =>
            MigrateAsync(settings.ConnectionString, settings.Options, logger, cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
