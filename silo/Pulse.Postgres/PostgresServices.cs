using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;
using Pulse.Health.Contracts;
using Pulse.Health.Grains.Accounts;
using Pulse.Postgres.Log;
using Pulse.Postgres.Streams;

namespace Pulse.Postgres;

/// <summary>Wires the postgres profile: ADO.NET clustering, grain storage and reminders (invariant Npgsql) and our log stream provider.</summary>
public static class PostgresServices
{
    public const string Invariant = "Npgsql";

    /// <summary>Reads and checks the profile's settings; throws naming the setting when something is missing or wrong.</summary>
    public static (string ConnectionString, PostgresOptions Options) ReadSettings(IConfiguration configuration)
    {
        var connectionString = PostgresConnection.From(configuration);
        var options = configuration.GetSection(PostgresOptions.Section).Get<PostgresOptions>() ?? new PostgresOptions();
        if (options.Partitions is < 1 or > 1024)
            throw new InvalidOperationException($"{PostgresOptions.Section}:Partitions must be between 1 and 1024 (was {options.Partitions}).");
        if (options.ReadBatchSize < 1)
            throw new InvalidOperationException($"{PostgresOptions.Section}:ReadBatchSize must be positive (was {options.ReadBatchSize}).");
        if (options.MaxConcurrentAppends < 1)
            throw new InvalidOperationException($"{PostgresOptions.Section}:MaxConcurrentAppends must be positive (was {options.MaxConcurrentAppends}).");
        return (connectionString, options);
    }

    /// <summary>The services shared by the silo's Orleans providers, ingest and catch-up.</summary>
    public static IServiceCollection AddPulsePostgres(this IServiceCollection services, string connectionString, PostgresOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(PostgresConnections.ForLog(connectionString)).Build());
        services.AddSingleton(new LogPartitions(options.Partitions, StreamNames.Provider));
        services.AddSingleton<EventPayloadCodec>();
        services.AddSingleton<LogNotifications>();
        services.AddSingleton<EventLogAppender>();
        services.AddSingleton<EventLogReader>();
        services.AddSingleton<LogBacklog>();
        services.AddHostedService(sp => sp.GetRequiredService<LogBacklog>());
        services.RemoveAll<IAccountCatchUp>();
        services.AddSingleton(_ => new CatchUpDatabase(NpgsqlDataSource.Create(PostgresConnections.ForCatchUp(connectionString))));
        services.AddSingleton<IAccountCatchUp, LogAccountCatchUp>();
        // Grain state in Orleans' own binary format (the account state holds a polymorphic log position).
        services.AddOptions<AdoNetGrainStorageOptions>(StreamNames.Storage)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        services.AddOptions<AdoNetGrainStorageOptions>("PubSubStore")
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return services;
    }

    /// <summary>The Orleans half: membership, storage, reminders on PostgreSQL, and the account stream on our log.</summary>
    public static ISiloBuilder UsePulsePostgres(this ISiloBuilder silo, string connectionString, Action<ClusterOptions> cluster)
    {
        silo.Configure(cluster);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = PostgresConnections.ForMembership(connectionString);
        });
        silo.AddAdoNetGrainStorage(StreamNames.Storage, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = PostgresConnections.ForState(connectionString);
        });
        silo.AddAdoNetGrainStorage("PubSubStore", o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = PostgresConnections.ForState(connectionString);
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = PostgresConnections.ForReminders(connectionString);
        });
        silo.AddPersistentStreams(StreamNames.Provider, LogQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(b => b.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50);
                // An account with several events waiting gets them in one call (one grain turn), not one call each.
                o.BatchContainerBatchSize = 32;
                // An account that cannot take an event for this long (a failover or an overload lasts seconds to
                // minutes) has it dead-lettered: kept in pulse_event_dead_letter for inspection and replay.
                o.MaxEventDeliveryTime = TimeSpan.FromMinutes(10);
            }));
        });
        return silo;
    }
}
