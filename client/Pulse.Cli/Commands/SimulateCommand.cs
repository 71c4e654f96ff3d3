using System.CommandLine;
using System.CommandLine.Parsing;
using Pulse.Cli.Display;
using Pulse.Simulation;
using Pulse.Simulation.Personas;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse simulate</c>: sends synthetic customers to a Pulse ingest API — history first (backfill), then live events
/// at a target rate — with a live progress display (or plain progress lines when output is not a terminal) and a
/// closing summary. Exit code 0 when the run completed and the server accepted events, 1 on failure, 130 when cancelled.
/// </summary>
public static class SimulateCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitCancelled = 130;

    public static Command Create(CliEnvironment environment)
    {
        var defaults = new SimulationOptions();
        var target = new Option<Uri>("--target", "-t")
        {
            Description = "Base URL of the Pulse ingest API (batches go to {target}/v1/batch).",
            HelpName = "url",
            CustomParser = OptionParsers.HttpUrl,
            DefaultValueFactory = _ => defaults.Target,
        };
        var writeKey = new Option<string>("--write-key", "-k")
        {
            Description = "Write key, sent as the HTTP Basic user name.",
            HelpName = "key",
            DefaultValueFactory = _ => defaults.WriteKey,
        };
        writeKey.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && string.IsNullOrEmpty(r.Tokens[^1].Value)) r.AddError("--write-key must not be empty.");
        });
        var accounts = SyntheticStreamOptions.Accounts(defaults.Accounts);
        var rate = SyntheticStreamOptions.Rate(defaults.EventsPerSecond);
        var backfillRate = new Option<double?>("--backfill-rate")
        {
            Description = "Rate limit for the backfill in events per second (default: as fast as the server accepts).",
            HelpName = "events/s",
        }.AtLeast(0, "0 (unlimited) or a positive number of events per second");
        var duration = new Option<TimeSpan>("--duration", "-d")
        {
            Description = "Length of the live phase after the backfill: 90, 60s, 5m, 1h30m, 0 (backfill only) or 'forever' (until Ctrl+C).",
            HelpName = "duration",
            CustomParser = OptionParsers.Duration,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
        };
        var seed = SyntheticStreamOptions.Seed(defaults.Seed);
        var backfillDays = SyntheticStreamOptions.BackfillDays(defaults.BackfillDays);
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Messages per request (cut earlier to stay under 500 KB).",
            DefaultValueFactory = _ => defaults.BatchSize,
        }.InRange(1, SimulationOptions.MaxBatchSize);
        var connections = new Option<int>("--connections", "-c")
        {
            Description = "Requests in flight at once (accounts are split between connections, keeping each account in order).",
            DefaultValueFactory = _ => defaults.Connections,
        }.InRange(1, SimulationOptions.MaxConnections);
        var mix = new Option<PersonaMix?>("--mix")
        {
            Description = "Persona weights, e.g. 'support-storm=2,healthy-power-user=1' (default: the built-in mix). Personas: "
                + string.Join(", ", Enum.GetValues<PersonaKind>().Select(k => k.Name())) + ".",
            HelpName = "persona=weight,…",
            CustomParser = ParseMix,
        };
        var plain = new Option<bool>("--plain")
        {
            Description = "Print plain progress lines instead of the live display (automatic when output is not a terminal).",
        };
        var progressInterval = SyntheticStreamOptions.ProgressInterval(TimeSpan.FromSeconds(5));

        var command = new Command("simulate", "Send synthetic customers (history, then live events) to a Pulse ingest API.")
        {
            target, writeKey, accounts, rate, backfillRate, duration, seed, backfillDays, batchSize, connections, mix, plain, progressInterval,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SimulationOptions
            {
                Target = parse.GetValue(target)!,
                WriteKey = parse.GetValue(writeKey)!,
                Accounts = parse.GetValue(accounts),
                EventsPerSecond = parse.GetValue(rate),
                BackfillEventsPerSecond = parse.GetValue(backfillRate),
                Duration = OptionParsers.Limit(parse.GetValue(duration)),
                Seed = parse.GetValue(seed),
                BackfillDays = parse.GetValue(backfillDays),
                BatchSize = parse.GetValue(batchSize),
                Connections = parse.GetValue(connections),
                PersonaMix = parse.GetValue(mix),
            };
            var interval = parse.GetValue(progressInterval) is var i && i > TimeSpan.Zero ? i : TimeSpan.FromSeconds(5);
            return await RunAsync(options, environment, interactive: environment.Interactive && !parse.GetValue(plain), interval, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(SimulationOptions options, CliEnvironment environment, bool interactive, TimeSpan progressInterval,
        CancellationToken cancellationToken)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            await environment.Error.WriteLineAsync("error: " + string.Join("; ", problems));
            return ExitFailed;
        }

        using var http = environment.CreateHttpClient(options.Connections);
        var runner = new SimulationRunner(http, options);
        SimulationView.WriteHeader(environment.Console, options);
        var run = runner.RunAsync(cancellationToken);
        if (interactive) await SimulationView.ShowLiveAsync(environment.Console, runner, run);
        else await SimulationView.ShowPlainAsync(environment.Console, runner, run, progressInterval);

        SimulationSummary summary;
        try
        {
            summary = await run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await environment.Error.WriteLineAsync($"error: the simulation stopped unexpectedly: {ex.Message}");
            return ExitFailed;
        }

        SimulationView.WriteSummary(environment.Console, summary, fancy: interactive);
        switch (summary.Outcome)
        {
            case SimulationOutcome.Failed:
                await environment.Error.WriteLineAsync($"error: {summary.FailureReason}");
                return ExitFailed;
            case SimulationOutcome.Cancelled:
                await environment.Error.WriteLineAsync("cancelled.");
                return ExitCancelled;
            case SimulationOutcome.Completed when summary.Accepted == 0:
                await environment.Error.WriteLineAsync($"error: {options.Target} accepted none of the {summary.Sent:N0} events sent.");
                return ExitFailed;
            default:
                return ExitOk;
        }
    }

    internal static PersonaMix? ParseMix(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (PersonaMix.TryParse(text, out var mix, out var error)) return mix;
        result.AddError($"--mix: {error}.");
        return null;
    }
}
