using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Pulse.Backtest;
using Pulse.Cli.Display;
using Pulse.Ingest.Segment.Recordings;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse backtest</c>: replays a recorded NDJSON stream through two policies in process (the pure model, no cluster)
/// and reports band counts, the accounts whose band differs, and — with <c>--labels</c> — how well each policy's red
/// band predicted churn. With <c>--simulate</c> it needs no file: it generates a synthetic book per seed in memory
/// (history only) with its hidden outcomes and prints each seed's churn figures and their mean — the way to judge a
/// policy on held-out seeds (<see cref="SimulatedBook.HeldOutSeeds"/>) after tuning on others
/// (<see cref="SimulatedBook.TuningSeeds"/>). Exit code 0 on success, 1 for bad input (the error names the file, line
/// and field).
/// </summary>
public static class BacktestCommand
{
    public const int ExitOk = 0;
    public const int ExitBadInput = 1;

    public static Command Create(CliEnvironment environment)
    {
        var stream = new Argument<string?>("stream")
        {
            Description = "Recorded stream: NDJSON (or .gz), one Segment message (track, identify, group, page, screen) per line; '-' reads standard input. Not with --simulate.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var simulate = new Option<bool>("--simulate")
        {
            Description = "Generate a synthetic book per seed in memory (history only, with its hidden outcomes) instead of reading a stream.",
        };
        var seeds = new Option<IReadOnlyList<long>?>("--seeds")
        {
            Description = "With --simulate: comma-separated seeds. Tune on 1,2,3; judge on the held-out 101,102,103,104,105 only.",
            HelpName = "n,n,…",
            CustomParser = ParseSeeds,
        };
        var accounts = new Option<int>("--accounts", "-n")
        {
            Description = "With --simulate: accounts per book.",
            DefaultValueFactory = _ => 2_000,
        }.InRange(1, 1_000_000);
        var days = new Option<int>("--days")
        {
            Description = "With --simulate: days of history per book.",
            DefaultValueFactory = _ => 90,
        }.InRange(1, 400);
        var end = new Option<DateTimeOffset?>("--end")
        {
            Description = "With --simulate: the day the history ends (default 2026-06-01, fixed so a seed always means the same book).",
            HelpName = "time",
            CustomParser = ParseTime,
        };
        var baseline = new Option<string>("--baseline", "-a")
        {
            Description = "The current policy: 'default' (the policy that ships) or a policy document file.",
            HelpName = "policy",
            DefaultValueFactory = _ => PolicySource.Default,
        };
        var candidate = new Option<string>("--candidate", "-b")
        {
            Description = "The policy to compare with the baseline: 'default' or a policy document file.",
            HelpName = "policy",
            DefaultValueFactory = _ => PolicySource.Default,
        };
        var labels = new Option<string?>("--labels", "-l")
        {
            Description = "Known outcomes: NDJSON lines {\"accountId\":…,\"outcome\":\"churns|renews|expands\",…}; adds precision, recall and AUC of each policy's red band.",
            HelpName = "file",
        };
        var asOf = new Option<DateTimeOffset?>("--as-of")
        {
            Description = "Evaluate accounts at this time (ISO-8601) and ignore later events (default: the last event's time).",
            HelpName = "time",
            CustomParser = ParseTime,
        };
        var sample = new Option<int>("--sample")
        {
            Description = "How many band-changing accounts to list (largest score moves first).",
            DefaultValueFactory = _ => 20,
        }.InRange(0, 100_000);
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Skip lines ingest would reject (counted and reported) instead of stopping at the first.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the report as JSON (for programs) instead of tables.",
        };

        var command = new Command("backtest", "Replay a recorded stream through two scoring policies and compare bands and churn prediction.")
        {
            stream, baseline, candidate, labels, asOf, sample, skipInvalid, json, simulate, seeds, accounts, days, end,
        };
        command.SetAction(parse => Run(environment, new BacktestRequest(
            parse.GetValue(stream),
            parse.GetValue(baseline)!,
            parse.GetValue(candidate)!,
            parse.GetValue(labels),
            new BacktestOptions { AsOf = parse.GetValue(asOf), SampleSize = parse.GetValue(sample), SkipInvalid = parse.GetValue(skipInvalid) },
            parse.GetValue(json),
            parse.GetValue(simulate)
                ? new SimulateRequest(parse.GetValue(seeds) ?? SimulatedBook.TuningSeeds, parse.GetValue(accounts), parse.GetValue(days),
                    parse.GetValue(end) ?? SimulatedBook.DefaultEnd)
                : null)));
        return command;
    }

    /// <summary>Backtests one simulated book per seed; prints each seed's figures and their mean.</summary>
    private static int RunSimulated(CliEnvironment environment, BacktestRequest request, SimulateRequest simulate)
    {
        List<SimulatedRun> runs;
        try
        {
            if (request.StreamPath is not null || request.LabelsPath is not null)
                throw new ArgumentException("--simulate generates its own stream and labels: give no stream file and no --labels");
            var baseline = PolicySource.Load(request.Baseline);
            // The same policy on both sides replays once.
            var candidate = request.Candidate == request.Baseline ? baseline : PolicySource.Load(request.Candidate);
            runs = simulate.Seeds.Select(seed => SimulatedBook.Run(SimulatedBook.Options(seed, simulate.Accounts, simulate.Days, simulate.End),
                baseline, candidate, request.Options)).ToList();
        }
        catch (Exception ex) when (ex is BacktestInputException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine("error: " + ex.Message);
            return ExitBadInput;
        }
        if (request.Json) BacktestView.WriteSeedsJson(environment.Console.Profile.Out.Writer, runs);
        else BacktestView.WriteSeeds(environment.Console, runs, showCandidate: request.Baseline != request.Candidate);
        return ExitOk;
    }

    public static int Run(CliEnvironment environment, BacktestRequest request)
    {
        if (request.Simulate is { } simulate) return RunSimulated(environment, request, simulate);
        BacktestReport report;
        try
        {
            if (request.StreamPath is null) throw new ArgumentException("give a recorded stream file ('-' for standard input), or --simulate");
            var baseline = PolicySource.Load(request.Baseline);
            var candidate = PolicySource.Load(request.Candidate);
            var labels = request.LabelsPath is { } path ? ReadLabels(path) : null;
            using var reader = Open(request.StreamPath);
            report = BacktestRunner.Run(reader, request.StreamPath == "-" ? "stdin" : request.StreamPath, baseline, candidate, request.Options, labels);
        }
        catch (Exception ex) when (ex is BacktestInputException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine("error: " + ex.Message);
            return ExitBadInput;
        }

        if (request.Json) BacktestView.WriteJson(environment.Console.Profile.Out.Writer, report);
        else BacktestView.WriteTables(environment.Console, report);
        return ExitOk;
    }

    private static IReadOnlyDictionary<string, OutcomeLabel> ReadLabels(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"labels file '{path}' does not exist");
        using var reader = File.OpenText(path);
        return LabelReader.Read(reader, path);
    }

    private static TextReader Open(string path)
    {
        if (path == "-") return Console.In;
        if (!File.Exists(path)) throw new ArgumentException($"stream file '{path}' does not exist");
        return RecordingReader.OpenText(path); // the reader replay uses: a .gz name is decompressed
    }

    private static IReadOnlyList<long>? ParseSeeds(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var seeds = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            {
                result.AddError($"--seeds: '{part}' is not a whole number (e.g. --seeds 101,102,103).");
                return null;
            }
            seeds.Add(seed);
        }
        if (seeds.Count == 0) result.AddError("--seeds: give at least one seed (e.g. --seeds 101,102,103).");
        return seeds;
    }

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        var option = (result.Parent as OptionResult)?.Option.Name ?? "time";
        result.AddError($"{option}: '{text}' is not an ISO-8601 time (e.g. 2026-12-01T00:00:00Z).");
        return null;
    }
}
