using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pulse.Silo.Hosting;
using Pulse.Silo.Ingest;
using Pulse.Simulation;
using Spectre.Console;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse demo</c>: the whole thing in one process, with a synthetic stream flowing so the wall moves. It starts a
/// silo in this process exactly as <c>silo/Pulse.Silo</c> starts one (embedded profile, ingest API, co-hosted wall),
/// then runs <c>pulse simulate</c> against that silo's own ingest API until Ctrl+C. The tool uses the host, never the
/// other way round: the silo knows nothing of the synthetic customers.
/// </summary>
public static class DemoCommand
{
    /// <summary>How often the demo prints a plain progress line (the silo's own log lines share the console).</summary>
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromSeconds(30);

    public static Command Create(CliEnvironment environment)
    {
        var defaults = new DemoOptions();
        var accounts = SyntheticStreamOptions.Accounts(defaults.Accounts);
        var rate = SyntheticStreamOptions.Rate(defaults.EventsPerSecond);
        var backfillDays = SyntheticStreamOptions.BackfillDays(defaults.BackfillDays);
        var seed = SyntheticStreamOptions.Seed(defaults.Seed);
        var progressInterval = SyntheticStreamOptions.ProgressInterval(DefaultProgressInterval);

        var command = new Command("demo",
            "Start a silo in this process (embedded profile, wall on http://127.0.0.1:5080/) and stream synthetic customers into it until Ctrl+C. "
            + "Any other argument is a silo setting, as the silo takes it: --urls URL, --Pulse:Key=value.")
        {
            accounts, rate, backfillDays, seed, progressInterval,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var demo = new DemoOptions
            {
                Accounts = parse.GetValue(accounts),
                EventsPerSecond = parse.GetValue(rate),
                BackfillDays = parse.GetValue(backfillDays),
                Seed = parse.GetValue(seed),
                ProgressInterval = parse.GetValue(progressInterval) is var i && i > TimeSpan.Zero ? i : DefaultProgressInterval,
                SiloArguments = [.. parse.UnmatchedTokens],
            };
            return await RunAsync(demo, environment, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(DemoOptions demo, CliEnvironment environment, CancellationToken cancellationToken)
    {
        // Ctrl+C is the tool's to handle: the stream stops first, then the silo, rather than both at once.
        await using var silo = PulseSiloHost.Build([.. demo.SiloArguments], b => b.Services.AddSingleton<IHostLifetime, ToolLifetime>());
        await silo.StartAsync(cancellationToken);
        try
        {
            var target = ListeningAddress(silo);
            environment.Console.WriteLine($"Pulse demo: the wall is at {target} (Ctrl+C stops).");
            var options = new SimulationOptions
            {
                Target = target,
                WriteKey = silo.Services.GetRequiredService<IOptions<IngestOptions>>().Value.WriteKeys.FirstOrDefault() ?? "dev-write-key",
                Accounts = demo.Accounts,
                EventsPerSecond = demo.EventsPerSecond,
                Duration = null, // until Ctrl+C
                Seed = demo.Seed,
                BackfillDays = demo.BackfillDays,
            };
            // Plain lines, not the live panel: the silo's log lines share this console.
            return await SimulateCommand.RunAsync(options, environment, interactive: false, demo.ProgressInterval, cancellationToken);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The loopback address the silo's HTTP server listens on (the configured one, or the port it was given).</summary>
    public static Uri ListeningAddress(WebApplication silo)
    {
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://127.0.0.1:5080";
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1"));
    }
}

/// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the command line (the default one would stop the silo on its own).</summary>
internal sealed class ToolLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What <c>pulse demo</c> streams, and the settings it hands the silo.</summary>
public sealed record DemoOptions
{
    public int Accounts { get; init; } = 10_000;
    public double EventsPerSecond { get; init; } = 2_000;
    public int BackfillDays { get; init; } = 45;
    public long Seed { get; init; } = 42;
    public TimeSpan ProgressInterval { get; init; } = DemoCommand.DefaultProgressInterval;
    /// <summary>Silo settings, as the silo's command line takes them (<c>--urls URL</c>, <c>--Pulse:Key=value</c>).</summary>
    public IReadOnlyList<string> SiloArguments { get; init; } = [];
}
