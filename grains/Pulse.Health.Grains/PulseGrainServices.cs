using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Health.Grains.Accounts;
using Pulse.Health.Grains.Ingest;
using Pulse.Health.Grains.Policy;
using Pulse.Health.Grains.Wakeups;
using Pulse.Health.Grains.Wall;

namespace Pulse.Health.Grains;

/// <summary>
/// The silo-side services the grains need (per silo: wall aggregator and flusher, policy, ingest backlog) and their
/// settings, bound from configuration and validated when the silo starts.
/// </summary>
public static class PulseGrainServices
{
    public const long DefaultBacklogLimit = 100_000;

    public static IServiceCollection AddPulseGrainServices(this IServiceCollection services, long backlogLimit = DefaultBacklogLimit)
    {
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WakeupOptions>().BindConfiguration(WakeupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(HealthClock.System);
        services.AddSingleton<ActiveAccounts>();
        services.TryAddSingleton<LivePolicySource>();
        services.TryAddSingleton<IHealthPolicySource>(sp => sp.GetRequiredService<LivePolicySource>());
        services.AddHostedService(sp => sp.GetRequiredService<LivePolicySource>());
        services.AddSingleton<SiloWallAggregator>();
        services.AddSingleton(new IngestBacklog(backlogLimit));
        services.AddHostedService<WallFlusher>();
        services.TryAddSingleton<IAccountCatchUp, NoAccountCatchUp>();
        services.TryAddSingleton(AccountPersistence.Durable); // the embedded host registers OnDeactivation first
        return services;
    }
}
