using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;
using Pulse.Health.Contracts;
using Pulse.Health.Grains;

namespace Pulse.Grains.Tests;

/// <summary>A real in-process Orleans cluster with the embedded profile's storage and stream configuration.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => ConfigureEmbeddedSilo(silo);
    }

    /// <summary>The embedded profile's storage, reminders, streams and Pulse services (shared by every test cluster).</summary>
    public static void ConfigureEmbeddedSilo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StreamNames.Storage);
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(StreamNames.Provider, s =>
        {
            s.ConfigurePartitioning(2);
            s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
        silo.Services.AddPulseGrainServices();
    }

    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.AddMemoryStreams(StreamNames.Provider, s => s.ConfigurePartitioning(2));
    }
}
