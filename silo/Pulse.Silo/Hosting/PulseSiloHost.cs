using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;
using Pulse.Dashboard;
using Pulse.Health.Contracts;
using Pulse.Health.Grains;
using Pulse.Health.Grains.Accounts;
using Pulse.Silo.Ingest;

namespace Pulse.Silo.Hosting;

/// <summary>
/// Builds the silo process: Orleans silo, ingest API and co-hosted dashboard. The silo itself sends no events: the demo
/// (<c>pulse demo</c>, client/Pulse.Cli) builds a silo here and feeds it through its ingest API.
/// </summary>
public static class PulseSiloHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // Settings are read from beside the program, not from wherever it was started: run from the repository root,
        // the default (the working directory) missed appsettings.json, so Polly and ASP.NET logged every activation and
        // request at Information, which cut the activation rate in half under load.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = TranslateSwitches(args), ContentRootPath = AppContext.BaseDirectory });
        customize?.Invoke(builder);
        var pulse = builder.Configuration.GetSection("Pulse").Get<PulseOptions>() ?? new PulseOptions();
        var postgres = string.Equals(pulse.Profile, PulseOptions.PostgresProfile, StringComparison.OrdinalIgnoreCase);
        if (!postgres && !string.Equals(pulse.Profile, PulseOptions.EmbeddedProfile, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Pulse:Profile '{pulse.Profile}' is not supported; use '{PulseOptions.EmbeddedProfile}' or '{PulseOptions.PostgresProfile}'.");
        // Postgres profile: settings checked here (fail fast, naming the setting); the schema is migrated as the host starts.
        var pg = postgres ? PostgresProfile.Prepare(builder) : default;

        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
            builder.WebHost.UseUrls(pulse.Urls);

        // The embedded profile accepts the development write key unless keys are configured.
        var ingest = builder.Configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
        builder.Services.AddPulseIngest(builder.Configuration);
        builder.Services.PostConfigure<IngestOptions>(o => { if (o.WriteKeys.Count == 0) o.WriteKeys.Add("dev-write-key"); });

        builder.UseOrleans(silo =>
        {
            var o = pulse.Orleans;
            if (postgres)
            {
                PostgresProfile.ConfigureSilo(silo, pg, o);
                return;
            }
            silo.UseLocalhostClustering(o.SiloPort, o.GatewayPort, serviceId: o.ServiceId, clusterId: o.ClusterId);
            silo.AddMemoryGrainStorage(StreamNames.Storage);
            silo.AddMemoryGrainStorage("PubSubStore");
            // Orleans' binary serializer, as the postgres profile uses: the default (Newtonsoft JSON) turned each
            // account's compressed state into base64 text and was ~9 % of the silo's CPU in a time-ordered replay.
            foreach (var storage in new[] { StreamNames.Storage, "PubSubStore" })
                silo.Services.AddOptions<MemoryGrainStorageOptions>(storage)
                    .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            // The wake-up calendar's shards hold one reminder each (docs/architecture.md §4.2); in memory for the embedded profile.
            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(StreamNames.Provider, streams =>
            {
                streams.ConfigurePartitioning(o.StreamPartitions);
                streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            });
        });
        if (!postgres) builder.Services.AddSingleton(AccountPersistence.OnDeactivation); // in-memory storage: nothing to write behind for
        // Postgres: back-pressure is commit-based and cluster-wide (DurableEventSink), not the per-silo backlog.
        builder.Services.AddSingleton(new IngestBacklog(postgres ? long.MaxValue : ingest.MaxBacklog));
        builder.Services.AddSingleton<IEventDeliveries>(sp => sp.GetRequiredService<IngestBacklog>()); // accounts free its room
        builder.Services.AddPulseGrainServices();
        builder.Services.AddPulseMetrics(builder.Configuration);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Pulse";
            document.Info.Description = "Segment-compatible ingest (/v1) and the customer-health API (/api).";
            return Task.CompletedTask;
        }));
        if (pulse.Dashboard) builder.Services.AddPulseDashboard();

        var app = builder.Build();
        app.UseRequestDecompression();
        app.UseCors();
        if (pulse.Dashboard) app.UsePulseDashboard();
        app.MapOpenApi(); // /openapi/v1.json
        app.MapPulseIngest();
        app.MapPulseMetrics();
        if (pulse.Dashboard) app.MapPulseDashboard();
        return app;
    }

    /// <summary>Turns the README's plain switches into configuration keys (<c>--no-dashboard</c> → <c>Pulse:Dashboard=false</c>).</summary>
    public static string[] TranslateSwitches(string[] args) =>
        args.Select(a => a switch
        {
            "--no-dashboard" => "--Pulse:Dashboard=false",
            _ => a,
        }).ToArray();

    /// <summary>What a silo started with the old <c>--demo</c> switch says (the demo moved to the CLI).</summary>
    public const string MovedDemo =
        "--demo moved to the command-line tool: `dotnet run --project client/Pulse.Cli -- demo` starts a silo with a synthetic stream flowing";
}
