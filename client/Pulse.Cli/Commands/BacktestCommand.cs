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
/// band predicted churn. Exit code 0 on success, 1 for bad input (the error names the file, line and field).
/// </summary>
public static class BacktestCommand
{
    public const int ExitOk = 0;
    public const int ExitBadInput = 1;

    public static Command Create(CliEnvironment environment)
    {
        var stream = new Argument<string>("stream")
        {
            Description = "Recorded stream: NDJSON (or .gz), one Segment message (track, identify, group, page, screen) per line; '-' reads standard input.",
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
            stream, baseline, candidate, labels, asOf, sample, skipInvalid, json,
        };
        command.SetAction(parse => Run(environment, new BacktestRequest(
            parse.GetValue(stream)!,
            parse.GetValue(baseline)!,
            parse.GetValue(candidate)!,
            parse.GetValue(labels),
            new BacktestOptions { AsOf = parse.GetValue(asOf), SampleSize = parse.GetValue(sample), SkipInvalid = parse.GetValue(skipInvalid) },
            parse.GetValue(json))));
        return command;
    }

    public static int Run(CliEnvironment environment, BacktestRequest request)
    {
        BacktestReport report;
        try
        {
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

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        result.AddError($"--as-of: '{text}' is not an ISO-8601 time (e.g. 2026-12-01T00:00:00Z).");
        return null;
    }
}
