using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Health.Grains.Accounts;
using Pulse.Health.Grains.Policy;
using Pulse.Health.Grains.Wakeups;
using Pulse.Health.Grains.Wall;

namespace Pulse.Health.Grains;

/// <summary>
/// The silo-side services the grains need (per silo: wall aggregator and flusher, policy source, resident accounts) and
/// their settings, bound from configuration and validated when the silo starts. A host registers its own
/// <see cref="IEventDeliveries"/> listener (ingest's backlog) before calling this.
/// </summary>
public static class PulseGrainServices
{
    public static IServiceCollection AddPulseGrainServices(this IServiceCollection services)
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
        services.TryAddSingleton(IEventDeliveries.None);
        services.AddHostedService<WallFlusher>();
        services.TryAddSingleton<IAccountCatchUp, NoAccountCatchUp>();
        services.TryAddSingleton(AccountPersistence.Durable); // the embedded host registers OnDeactivation first
        return services;
    }
}
