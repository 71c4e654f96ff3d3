using System.Globalization;
using Pulse.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Display;

/// <summary>How <c>pulse simulate</c> shows a run: a header, live progress (redrawn, or plain lines), a summary.</summary>
public static class SimulationView
{
    private const int BarWidth = 40;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    public static void WriteHeader(IAnsiConsole console, SimulationOptions o)
    {
        var live = o.Duration switch
        {
            null => "live until Ctrl+C",
            { } d when d == TimeSpan.Zero => "no live phase",
            { } d => $"live for {Format(d)}",
        };
        var rate = o.EventsPerSecond > 0 ? $"{o.EventsPerSecond:N0} events/s" : "unlimited rate";
        console.MarkupLine(Markup.Escape(
            $"Simulating {o.Accounts:N0} accounts (seed {o.Seed}) → {o.Target}: {o.BackfillDays} days of history, then {live} at {rate}; " +
            $"batches of {o.BatchSize} over {o.Connections} connection{(o.Connections == 1 ? "" : "s")}."));
    }

    /// <summary>Redraws a progress panel a few times a second until the run ends.</summary>
    public static Task ShowLiveAsync(IAnsiConsole console, SimulationRunner runner, Task run) =>
        console.Live(Panel(runner.Progress)).AutoClear(false).StartAsync(async context =>
        {
            while (!run.IsCompleted)
            {
                context.UpdateTarget(Panel(runner.Progress));
                await Task.WhenAny(run, Task.Delay(RefreshInterval));
            }
            context.UpdateTarget(Panel(runner.Progress));
        });

    /// <summary>Prints one progress line every <paramref name="interval"/> (and a last one at the end): for logs and pipes.</summary>
    public static async Task ShowPlainAsync(IAnsiConsole console, SimulationRunner runner, Task run, TimeSpan interval)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(interval));
            console.WriteLine(PlainLine(runner.Progress));
        }
    }

    public static string PlainLine(SimulationProgress p)
    {
        var phase = p.Phase switch
        {
            SimulationPhase.Backfill => $"backfill {p.AccountsBackfilled:N0}/{p.Accounts:N0} accounts",
            SimulationPhase.Live => $"live {Format(p.LiveElapsed)}{(p.LiveDuration is { } d ? "/" + Format(d) : "")}",
            var other => other.ToString().ToLowerInvariant(),
        };
        var line = $"[{Format(p.Elapsed),7}] {phase}  events/s {p.EventsPerSecond:N0}  sent {p.Sent:N0}  accepted {p.Accepted:N0}  " +
                   $"rejected {p.Rejected:N0}  failed {p.Failed:N0}  retries {p.Retries:N0}";
        return p.LastError is { } error && (p.Rejected > 0 || p.Failed > 0 || p.Retries > 0) ? line + $"  last error: {error}" : line;
    }

    private static IRenderable Panel(SimulationProgress p)
    {
        var (phase, colour) = p.Phase switch
        {
            SimulationPhase.Backfill => ("backfill (historical)", "aqua"),
            SimulationPhase.Live => ("live", "green"),
            SimulationPhase.Completed => ("completed", "green"),
            SimulationPhase.Cancelled => ("cancelled", "yellow"),
            SimulationPhase.Failed => ("failed", "red"),
            _ => ("starting", "grey"),
        };
        var progress = p.Phase switch
        {
            SimulationPhase.Backfill => $"{p.AccountsBackfilled:N0} / {p.Accounts:N0} accounts",
            SimulationPhase.Live or SimulationPhase.Completed or SimulationPhase.Cancelled when p.LiveElapsed > TimeSpan.Zero =>
                $"{Format(p.LiveElapsed)} / {(p.LiveDuration is { } d ? Format(d) : "∞")}",
            _ => $"elapsed {Format(p.Elapsed)}",
        };

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[bold]Phase[/]"), new Markup($"[{colour}]{Markup.Escape(phase)}[/]   elapsed {Format(p.Elapsed)}"));
        grid.AddRow(new Markup("[bold]Progress[/]"), new Markup($"{Bar(p.PhaseFraction)} {Markup.Escape(progress)}"));
        grid.AddRow(new Markup("[bold]Events/s[/]"), new Markup($"{p.EventsPerSecond:N0}"));
        grid.AddRow(new Markup("[bold]Sent[/]"), new Markup($"{p.Sent:N0}"));
        grid.AddRow(new Markup("[bold]Accepted[/]"), new Markup($"[green]{p.Accepted:N0}[/]"));
        grid.AddRow(new Markup("[bold]Rejected[/]"), new Markup(p.Rejected > 0 ? $"[red]{p.Rejected:N0}[/]" : "0"));
        grid.AddRow(new Markup("[bold]Failed[/]"), new Markup(p.Failed > 0 ? $"[red]{p.Failed:N0}[/]" : "0"));
        grid.AddRow(new Markup("[bold]Retries[/]"), new Markup(p.Retries > 0 ? $"[yellow]{p.Retries:N0}[/]" : "0"));
        if (p.LastError is { } error) grid.AddRow(new Markup("[bold]Last error[/]"), new Markup($"[red]{Markup.Escape(error)}[/]"));
        return new Panel(grid).Header("pulse simulate").RoundedBorder();
    }

    private static string Bar(double? fraction)
    {
        if (fraction is not { } f) return "[green]" + new string('━', 3) + "[/][grey]" + new string('─', BarWidth - 3) + "[/] ";
        var done = (int)Math.Round(f * BarWidth);
        return $"[green]{new string('━', done)}[/][grey]{new string('─', BarWidth - done)}[/] {f * 100,3:0}%";
    }

    public static void WriteSummary(IAnsiConsole console, SimulationSummary s, bool fancy)
    {
        var table = new Table().Title("Simulation summary").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.Border(fancy ? TableBorder.Rounded : TableBorder.Ascii).HideHeaders();
        table.AddRow("Outcome", s.Outcome switch
        {
            SimulationOutcome.Completed => "[green]completed[/]",
            SimulationOutcome.Cancelled => "[yellow]cancelled[/]",
            _ => "[red]failed[/]",
        });
        table.AddRow("Target", Markup.Escape(s.Target.ToString()));
        table.AddRow("Accounts / seed", $"{s.Accounts:N0} / {s.Seed}");
        table.AddRow("Elapsed", $"{Format(s.Elapsed)} (backfill {Format(s.BackfillElapsed)}, live {Format(s.LiveElapsed)})");
        table.AddRow("Sent", $"{s.Sent:N0} (backfill {s.BackfillSent:N0}, live {s.LiveSent:N0})");
        table.AddRow("Accepted", $"[green]{s.Accepted:N0}[/]");
        table.AddRow("Rejected", s.Rejected > 0 ? $"[red]{s.Rejected:N0}[/]" : "0");
        table.AddRow("Failed (not delivered)", s.Failed > 0 ? $"[red]{s.Failed:N0}[/]" : "0");
        table.AddRow("Retries", $"{s.Retries:N0} (of {s.Requests:N0} requests)");
        table.AddRow("Events/s achieved", $"{s.EventsPerSecond:N0} overall, {s.LiveEventsPerSecond:N0} live");
        console.Write(table);

        if (s.ErrorsByReason.Count == 0) return;
        var errors = new Table().Title("Errors by reason (events for rejected messages, requests for HTTP/connection errors)")
            .AddColumn("Reason").AddColumn(new TableColumn("Count").RightAligned());
        errors.Border(fancy ? TableBorder.Rounded : TableBorder.Ascii);
        foreach (var (reason, count) in s.ErrorsByReason.Take(20)) errors.AddRow(Markup.Escape(reason), count.ToString("N0", CultureInfo.InvariantCulture));
        if (s.ErrorsByReason.Count > 20) errors.AddRow($"… {s.ErrorsByReason.Count - 20} more", "");
        console.Write(errors);
    }

    public static string Format(TimeSpan t) => t.TotalSeconds switch
    {
        < 60 => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s",
        < 3600 => $"{(int)t.TotalMinutes}m{t.Seconds:00}s",
        _ => $"{(int)t.TotalHours}h{t.Minutes:00}m{t.Seconds:00}s",
    };
}
