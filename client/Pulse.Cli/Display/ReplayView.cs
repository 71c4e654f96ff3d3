using System.Globalization;
using Pulse.Simulation;
using Pulse.Simulation.Replay;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Display;

/// <summary>How <c>pulse replay</c> shows a run: a header, live progress (redrawn, or plain lines), a final report.</summary>
public static class ReplayView
{
    private const int BarWidth = 40;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    public static void WriteHeader(IAnsiConsole console, ReplayOptions o, string pace) =>
        console.MarkupLine(Markup.Escape(
            $"Replaying {o.Path} → {o.Target} at {pace}, historical {(o.Historical ? "on" : "off")}, batches of {o.BatchSize} over {o.Connections} connections" +
            (o.ProbeAccounts > 0 ? $"; latency: {o.ProbesPerSecond:0.##} probes/s over {o.ProbeAccounts} watched probe accounts." : "; latency not measured.")));

    public static Task ShowLiveAsync(IAnsiConsole console, ReplayRunner runner, Task run) =>
        console.Live(Panel(runner.Progress)).AutoClear(false).StartAsync(async context =>
        {
            while (!run.IsCompleted)
            {
                context.UpdateTarget(Panel(runner.Progress));
                await Task.WhenAny(run, Task.Delay(RefreshInterval));
            }
            context.UpdateTarget(Panel(runner.Progress));
        });

    public static async Task ShowPlainAsync(IAnsiConsole console, ReplayRunner runner, Task run, TimeSpan interval)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(interval));
            console.WriteLine(PlainLine(runner.Progress));
        }
    }

    public static string PlainLine(ReplayProgress p)
    {
        var line = $"[{SimulationView.Format(p.Elapsed),7}] file {p.FileFraction * 100,3:0}%  events/s {p.EventsPerSecond:N0}  sent {p.Sent:N0}  accepted {p.Accepted:N0}  " +
                   $"rejected {p.Rejected:N0}  failed {p.Failed:N0}  retries {p.Retries:N0}  lag {Lag(p.Lag)}";
        if (p.Latency is { } l) line += $"  latency {l}";
        return p.LastError is { } error && (p.Rejected > 0 || p.Failed > 0 || p.Retries > 0) ? line + $"  last error: {error}" : line;
    }

    private static string Lag(TimeSpan? lag) => lag is { } l ? (l.TotalSeconds < 1 ? $"{l.TotalMilliseconds:0} ms" : SimulationView.Format(l)) : "n/a";

    private static IRenderable Panel(ReplayProgress p)
    {
        var done = (int)Math.Round(p.FileFraction * BarWidth);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[bold]File[/]"), new Markup($"[green]{new string('━', done)}[/][grey]{new string('─', BarWidth - done)}[/] {p.FileFraction * 100,3:0}%   elapsed {SimulationView.Format(p.Elapsed)}"));
        grid.AddRow(new Markup("[bold]Events/s[/]"), new Markup($"{p.EventsPerSecond:N0}"));
        grid.AddRow(new Markup("[bold]Read / sent[/]"), new Markup($"{p.Read:N0} / {p.Sent:N0}"));
        grid.AddRow(new Markup("[bold]Accepted[/]"), new Markup($"[green]{p.Accepted:N0}[/]"));
        grid.AddRow(new Markup("[bold]Rejected[/]"), new Markup(p.Rejected > 0 ? $"[red]{p.Rejected:N0}[/]" : "0"));
        grid.AddRow(new Markup("[bold]Failed[/]"), new Markup(p.Failed > 0 ? $"[red]{p.Failed:N0}[/]" : "0"));
        grid.AddRow(new Markup("[bold]Retries[/]"), new Markup(p.Retries > 0 ? $"[yellow]{p.Retries:N0}[/]" : "0"));
        grid.AddRow(new Markup("[bold]Lag behind schedule[/]"), new Markup($"{Lag(p.Lag)} (max {Lag(p.MaxLag)})"));
        if (p.Latency is { } l)
            grid.AddRow(new Markup("[bold]Latency to wall[/]"), new Markup(Markup.Escape(l.ToString()) + (p.ProbesLost > 0 ? $" [red]lost {p.ProbesLost:N0}[/]" : "")));
        if (p.LastError is { } error) grid.AddRow(new Markup("[bold]Last error[/]"), new Markup($"[red]{Markup.Escape(error)}[/]"));
        return new Panel(grid).Header("pulse replay").RoundedBorder();
    }

    /// <summary>The report as JSON: counts, events/s, lag and latency percentiles in milliseconds.</summary>
    public static string ToJson(ReplaySummary s) => System.Text.Json.JsonSerializer.Serialize(new
    {
        outcome = s.Outcome.ToString().ToLowerInvariant(),
        failure = s.FailureReason,
        target = s.Target.ToString(),
        path = s.Path,
        pace = s.Pace,
        historical = s.Historical,
        read = s.Read,
        sent = s.Sent,
        accepted = s.Accepted,
        rejected = s.Rejected,
        failed = s.Failed,
        retries = s.Retries,
        requests = s.Requests,
        probes = s.Probes,
        elapsedSeconds = Math.Round(s.Elapsed.TotalSeconds, 3),
        eventsPerSecond = Math.Round(s.EventsPerSecond, 1),
        maxLagMs = s.MaxLag is { } lag ? Math.Round(lag.TotalMilliseconds, 1) : (double?)null,
        latency = s.Latency is { } l ? new { count = l.Count, p50 = l.P50, p95 = l.P95, p99 = l.P99, max = l.Max, mean = Math.Round(l.Mean, 2), lost = s.ProbesLost } : null,
        errors = s.ErrorsByReason,
    });

    public static void WriteSummary(IAnsiConsole console, ReplaySummary s, bool fancy)
    {
        var table = new Table().Title("Replay report").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.Border(fancy ? TableBorder.Rounded : TableBorder.Ascii);
        table.AddRow("Outcome", s.Outcome switch
        {
            SimulationOutcome.Completed => "[green]completed[/]",
            SimulationOutcome.Cancelled => "[yellow]cancelled[/]",
            _ => "[red]failed[/]",
        });
        table.AddRow("Target", Markup.Escape(s.Target.ToString()));
        table.AddRow("Pace / historical", Markup.Escape($"{s.Pace} / {(s.Historical ? "on" : "off")}"));
        table.AddRow("Elapsed", SimulationView.Format(s.Elapsed));
        table.AddRow("Read from file", $"{s.Read:N0}");
        table.AddRow("Sent", $"{s.Sent:N0} (of which {s.Probes:N0} latency probes)");
        table.AddRow("Accepted", $"[green]{s.Accepted:N0}[/]");
        table.AddRow("Rejected", s.Rejected > 0 ? $"[red]{s.Rejected:N0}[/]" : "0");
        table.AddRow("Failed (not delivered)", s.Failed > 0 ? $"[red]{s.Failed:N0}[/]" : "0");
        table.AddRow("Retries", $"{s.Retries:N0} (of {s.Requests:N0} requests)");
        table.AddRow("Events/s achieved", $"{s.EventsPerSecond:N0}");
        table.AddRow("Max lag behind schedule", Lag(s.MaxLag));
        if (s.Latency is { } l)
        {
            table.AddRow("Latency send → wall p50 / p95", $"{l.P50:0.0} ms / {l.P95:0.0} ms");
            table.AddRow("Latency send → wall p99 / max", $"{l.P99:0.0} ms / {l.Max:0.0} ms");
            table.AddRow("Latency samples / lost", $"{l.Count:N0} / {s.ProbesLost:N0}");
        }
        console.Write(table);

        if (s.ErrorsByReason.Count == 0) return;
        var errors = new Table().Title("Errors by reason").AddColumn("Reason").AddColumn(new TableColumn("Count").RightAligned());
        errors.Border(fancy ? TableBorder.Rounded : TableBorder.Ascii);
        foreach (var (reason, count) in s.ErrorsByReason.Take(20)) errors.AddRow(Markup.Escape(reason), count.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(errors);
    }
}
