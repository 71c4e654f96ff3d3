using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Pulse.Postgres.Log;

namespace Pulse.Postgres.Streams;

/// <summary>Plugs the PostgreSQL event log into Orleans' persistent-stream framework (queues = log partitions).</summary>
public sealed class LogQueueAdapterFactory(string name, IServiceProvider services) : IQueueAdapterFactory
{
    /// <summary>Events held in memory per partition for delivery; a tenth of it is read per query.</summary>
    public const int CacheSize = 20_000;

    private readonly LogPartitions _partitions = services.GetRequiredService<LogPartitions>();
    private readonly NpgsqlDataSource _db = services.GetRequiredService<NpgsqlDataSource>();
    private readonly ILoggerFactory _loggers = services.GetRequiredService<ILoggerFactory>();
    private readonly IQueueAdapterCache _cache = new SimpleQueueAdapterCache(
        new SimpleQueueCacheOptions { CacheSize = CacheSize }, name, services.GetRequiredService<ILoggerFactory>());

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new LogQueueAdapterFactory(name, services);

    public Task<IQueueAdapter> CreateAdapter()
    {
        var silo = services.GetService<Orleans.Runtime.ILocalSiloDetails>();
        var owner = silo?.SiloAddress.ToString() ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        IQueueAdapter adapter = new LogQueueAdapter(name,
            services.GetRequiredService<EventLogAppender>(),
            services.GetRequiredService<EventLogReader>(),
            services.GetRequiredService<LogNotifications>(),
            _db,
            services.GetRequiredService<IOptions<PostgresOptions>>().Value,
            owner,
            services.GetRequiredService<TimeProvider>(),
            _loggers);
        return Task.FromResult(adapter);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _partitions.Mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new DeadLetterHandler(_db, _partitions, _loggers.CreateLogger<DeadLetterHandler>()));
}
