using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Pulse.Health.Grains;
using Pulse.Health.Grains.Policy;

namespace Pulse.Grains.Tests;

/// <summary>A clock the test moves by hand: months pass in a line of code.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// A real one-silo cluster like <see cref="ClusterFixture"/>, whose accounts run on a <see cref="ManualTime"/> (Orleans'
/// own clock stays real), and whose silo refreshes the policy every 200 ms.
/// </summary>
public sealed class ClockedClusterFixture : IAsyncLifetime
{
    // The silo configurator is created by the test host from its type, so the clock reaches it through a static.
    private static ManualTime? _sharedTime;

    public TestCluster Cluster { get; private set; } = null!;
    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _sharedTime = Time;
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClusterFixture.ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddSingleton(new HealthClock(_sharedTime!)); // before the defaults, which only fill gaps
            ClusterFixture.ConfigureEmbeddedSilo(silo);
            silo.Services.Configure<PolicyOptions>(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
        }
    }
}
