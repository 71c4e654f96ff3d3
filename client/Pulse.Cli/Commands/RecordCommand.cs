using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Outcomes;
using Pulse.Simulation.Personas;
using Pulse.Simulation.Recording;
using Spectre.Console;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse record</c>: writes N synthetic accounts' history over a simulated period as NDJSON (one Segment message per
/// line, ordered by timestamp, exactly as it would be POSTed) and, with <c>--labels</c>, each account's hidden outcome.
/// Deterministic in (seed, accounts, days, end, mix).
/// </summary>
public static class RecordCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "File to write the NDJSON stream to (.gz = gzip-compressed).",
            HelpName = "path",
            Required = true,
        };
        var labels = new Option<string?>("--labels")
        {
            Description = "Also write each account's hidden outcome (churns/renews/expands and when) to this NDJSON file.",
            HelpName = "path",
        };
        var accounts = new Option<int>("--accounts", "-n")
        {
            Description = "Number of synthetic accounts (acct-000001 …).",
            DefaultValueFactory = _ => 10_000,
        }.InRange(1, 9_999_999);
        var days = new Option<int>("--days")
        {
            Description = "Simulated period in days, ending the day before --end (0 = only the accounts' group calls).",
            HelpName = "days",
            DefaultValueFactory = _ => 45,
        }.InRange(0, 400);
        var end = new Option<DateOnly?>("--end")
        {
            Description = "The day the period ends (exclusive), yyyy-MM-dd in UTC; default today. Pin it for a reproducible file.",
            HelpName = "yyyy-MM-dd",
            CustomParser = ParseDate,
        };
        var seed = new Option<long>("--seed", "-s")
        {
            Description = "Seed: the same seed and options give the same file, byte for byte.",
            DefaultValueFactory = _ => 42,
        };
        var mix = new Option<PersonaMix?>("--mix")
        {
            Description = "Persona weights, e.g. 'slow-decliner=2,healthy-power-user=1' (default: the built-in mix).",
            HelpName = "persona=weight,…",
            CustomParser = SimulateCommand.ParseMix,
        };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of the live display." };

        var command = new Command("record", "Write synthetic customers' history as a timestamp-ordered NDJSON stream of Segment messages (and their hidden outcomes).")
        {
            output, labels, accounts, days, end, seed, mix, plain,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var endDay = parse.GetValue(end) ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var options = new GeneratorOptions
            {
                Seed = parse.GetValue(seed),
                Accounts = parse.GetValue(accounts),
                BackfillDays = parse.GetValue(days),
                Anchor = new DateTimeOffset(endDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                PersonaMix = parse.GetValue(mix) ?? PersonaMix.Default,
                // A recording is history only: every persona episode happens in it (none is left for a live phase), as
                // in `pulse backtest --simulate`, so a recorded seed and a simulated one are the same book.
                LiveOnsetShare = 0,
            };
            return await RunAsync(options, parse.GetValue(output)!, parse.GetValue(labels), environment,
                environment.Interactive && !parse.GetValue(plain), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(GeneratorOptions options, string path, string? labelsPath, CliEnvironment environment, bool interactive,
        CancellationToken cancellationToken)
    {
        var console = environment.Console;
        Stream? stream = null, labels = null;
        try
        {
            stream = StreamRecorder.OpenForWrite(path);
            if (labelsPath is not null) labels = StreamRecorder.OpenForWrite(labelsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await environment.Error.WriteLineAsync($"error: cannot write: {ex.Message}");
            if (stream is not null) await stream.DisposeAsync();
            return SimulateCommand.ExitFailed;
        }

        var totalDays = Math.Max(1, options.BackfillDays);
        console.MarkupLine(Markup.Escape($"Recording {options.Accounts:N0} accounts (seed {options.Seed}, mix {options.PersonaMix}) over {options.BackfillDays} days " +
            $"ending {options.AnchorDay:yyyy-MM-dd} → {path}{(labelsPath is null ? "" : $", labels → {labelsPath}")}."));
        RecordSummary summary;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using (stream)
            await using (labels)
            {
                if (interactive)
                {
                    summary = await console.Progress().AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .StartAsync(async context =>
                        {
                            var task = context.AddTask("days recorded", maxValue: totalDays);
                            return await StreamRecorder.RecordAsync(options, stream, labels, (day, messages) =>
                            {
                                task.Value = day;
                                task.Description = $"day {day}/{totalDays}, {messages:N0} messages";
                            }, cancellationToken);
                        });
                }
                else
                {
                    var lastLine = System.Diagnostics.Stopwatch.StartNew();
                    summary = await StreamRecorder.RecordAsync(options, stream, labels, (day, messages) =>
                    {
                        if (lastLine.Elapsed < TimeSpan.FromSeconds(5) && day < totalDays) return;
                        lastLine.Restart();
                        console.WriteLine($"[{started.Elapsed.TotalSeconds,6:0.0}s] day {day}/{totalDays}  messages {messages:N0}");
                    }, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("cancelled: the file is incomplete.");
            return SimulateCommand.ExitCancelled;
        }

        var table = new Table().Title("Recording").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.Border(interactive ? TableBorder.Rounded : TableBorder.Ascii);
        table.AddRow("Accounts", summary.Accounts.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Messages", summary.Messages.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Bytes (uncompressed)", summary.Bytes.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Period", Markup.Escape($"{summary.From:yyyy-MM-dd HH:mm} → {summary.To:yyyy-MM-dd HH:mm} UTC ({summary.Days} days)"));
        table.AddRow("Written in", $"{started.Elapsed.TotalSeconds:0.0}s ({summary.Messages / Math.Max(0.001, started.Elapsed.TotalSeconds):N0} messages/s)");
        if (labelsPath is not null)
            table.AddRow("Outcomes", string.Join(", ", summary.Outcomes.Select(o => $"{o.Key.Name()} {o.Value:N0} ({o.Value * 100.0 / Math.Max(1, summary.Accounts):0.#}%)")));
        console.Write(table);
        return SimulateCommand.ExitOk;
    }

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        result.AddError($"'{text}' is not a date for --end: use yyyy-MM-dd, e.g. 2026-11-23.");
        return null;
    }
}
