using System.CommandLine;
using Pulse.Cli.Display;
using Pulse.Cli.Wall;
using Pulse.Simulation;
using Pulse.Simulation.Latency;
using Pulse.Simulation.Replay;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse replay</c>: sends a recording to a Pulse ingest API at a multiple of its recorded pace, at a fixed rate, or
/// as fast as accepted, over many connections; live progress (events/s, errors, lag behind schedule, latency to the
/// wall) and a final report. Exit code 0 when the file was sent and accepted, 1 on failure, 130 when cancelled.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var defaults = new ReplayOptions();
        var file = new Argument<string>("file") { Description = "The recording (NDJSON or .gz) written by 'pulse record' or any Segment export, one message per line." };
        var target = new Option<Uri>("--target", "-t")
        {
            Description = "Base URL of the Pulse ingest API; the wall hub for latency is {target}/hubs/wall.",
            HelpName = "url",
            CustomParser = OptionParsers.HttpUrl,
            DefaultValueFactory = _ => defaults.Target,
        };
        var writeKey = new Option<string>("--write-key", "-k") { Description = "Write key (HTTP Basic user name).", HelpName = "key", DefaultValueFactory = _ => defaults.WriteKey };
        var speed = new Option<double?>("--speed", "-x")
        {
            Description = "Replay at this multiple of the recorded timestamps' pace (e.g. 3600 = an hour of recorded time per second).",
            HelpName = "factor",
        }.AtLeast(double.Epsilon, "a positive factor");
        var rate = new Option<double?>("--rate", "-r")
        {
            Description = "Replay at a fixed rate in events per second instead (0 = as fast as accepted, the default when neither is given).",
            HelpName = "events/s",
        }.AtLeast(0, "0 (unlimited) or a positive number of events per second");
        var historical = new Option<bool>("--historical")
        {
            Description = "Send batches with historical: true (state and explanation updated, no live alerts): --historical or --historical false.",
            DefaultValueFactory = _ => false,
        };
        var connections = new Option<int>("--connections", "-c")
        {
            Description = "Requests in flight at once; each account always uses the same connection, so its events stay in order.",
            DefaultValueFactory = _ => defaults.Connections,
        }.InRange(1, ReplayOptions.MaxConnections);
        var batchSize = new Option<int>("--batch-size", "-b") { Description = "Messages per request (cut earlier to stay under 500 KB).", DefaultValueFactory = _ => defaults.BatchSize }
            .InRange(1, SimulationOptions.MaxBatchSize);
        var limit = new Option<long?>("--limit") { Description = "Stop after this many events.", HelpName = "events" }.AtLeast(1, "at least 1");
        var duration = new Option<TimeSpan>("--duration", "-d")
        {
            Description = "Stop reading after this long (60s, 5m; default: until the file ends); what was read is still delivered.",
            HelpName = "duration",
            CustomParser = OptionParsers.Duration,
            DefaultValueFactory = _ => Timeout.InfiniteTimeSpan,
        };
        var latency = new Option<int>("--latency-accounts")
        {
            Description = "Probe accounts watched on the wall's SignalR hub to measure send → wall latency (0 = off).",
            HelpName = "n",
            DefaultValueFactory = _ => 20,
        }.InRange(0, 1000);
        var probeRate = new Option<double>("--probe-rate")
        {
            Description = "Probe events per second over all probe accounts.",
            HelpName = "probes/s",
            DefaultValueFactory = _ => defaults.ProbesPerSecond,
        }.AtLeast(0.01, "a positive number of probes per second");
        var report = new Option<string?>("--report")
        {
            Description = "Also write the final report as JSON to this file (for scripts such as the benchmark book).",
            HelpName = "path",
        };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of the live display (automatic when output is not a terminal)." };
        var progressInterval = new Option<TimeSpan>("--progress-interval")
        {
            Description = "Time between plain progress lines.",
            HelpName = "duration",
            CustomParser = OptionParsers.Duration,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
        };

        var command = new Command("replay", "Send a recorded NDJSON stream to a Pulse ingest API at a speed factor or a fixed rate, measuring latency to the wall.")
        {
            file, target, writeKey, speed, rate, historical, connections, batchSize, limit, duration, latency, probeRate, report, plain, progressInterval,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ReplayOptions
            {
                Path = parse.GetValue(file)!,
                Target = parse.GetValue(target)!,
                WriteKey = parse.GetValue(writeKey)!,
                Speed = parse.GetValue(speed),
                EventsPerSecond = parse.GetValue(rate),
                Historical = parse.GetValue(historical),
                Connections = parse.GetValue(connections),
                BatchSize = parse.GetValue(batchSize),
                Limit = parse.GetValue(limit),
                Duration = OptionParsers.Limit(parse.GetValue(duration)),
                ProbeAccounts = parse.GetValue(latency),
                ProbesPerSecond = parse.GetValue(probeRate),
            };
            var interval = parse.GetValue(progressInterval) is var i && i > TimeSpan.Zero ? i : TimeSpan.FromSeconds(5);
            return await RunAsync(options, environment, environment.Interactive && !parse.GetValue(plain), interval, cancellationToken, parse.GetValue(report));
        });
        return command;
    }

    public static async Task<int> RunAsync(ReplayOptions options, CliEnvironment environment, bool interactive, TimeSpan progressInterval,
        CancellationToken cancellationToken, string? reportPath = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            await environment.Error.WriteLineAsync("error: " + string.Join("; ", problems));
            return SimulateCommand.ExitFailed;
        }

        using var http = environment.CreateHttpClient(options.Connections);
        var tracker = new LatencyTracker();
        SignalRAccountWatcher? watcher = null;
        if (options.ProbeAccounts > 0)
        {
            try
            {
                watcher = await SignalRAccountWatcher.ConnectAsync(options.Target, tracker, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                await environment.Error.WriteLineAsync($"error: {ex.Message} (use --latency-accounts 0 to replay without measuring latency)");
                return SimulateCommand.ExitFailed;
            }
        }
        await using var _ = watcher;

        var runner = new ReplayRunner(http, options, watcher, tracker);
        ReplayView.WriteHeader(environment.Console, options, runner.Pace);
        var run = runner.RunAsync(cancellationToken);
        if (interactive) await ReplayView.ShowLiveAsync(environment.Console, runner, run);
        else await ReplayView.ShowPlainAsync(environment.Console, runner, run, progressInterval);

        ReplaySummary summary;
        try
        {
            summary = await run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await environment.Error.WriteLineAsync($"error: the replay stopped unexpectedly: {ex.Message}");
            return SimulateCommand.ExitFailed;
        }

        ReplayView.WriteSummary(environment.Console, summary, fancy: interactive);
        if (reportPath is not null) await File.WriteAllTextAsync(reportPath, ReplayView.ToJson(summary), CancellationToken.None);
        switch (summary.Outcome)
        {
            case SimulationOutcome.Failed:
                await environment.Error.WriteLineAsync($"error: {summary.FailureReason}");
                return SimulateCommand.ExitFailed;
            case SimulationOutcome.Cancelled:
                await environment.Error.WriteLineAsync("cancelled.");
                return SimulateCommand.ExitCancelled;
            case SimulationOutcome.Completed when summary.Accepted == 0:
                await environment.Error.WriteLineAsync($"error: {options.Target} accepted none of the {summary.Sent:N0} events sent.");
                return SimulateCommand.ExitFailed;
            default:
                return SimulateCommand.ExitOk;
        }
    }
}
