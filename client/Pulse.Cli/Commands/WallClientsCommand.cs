using System.CommandLine;
using Pulse.Cli.Wall;
using Spectre.Console;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse wall-clients</c>: connects many SignalR clients to the wall, as many open browsers would, and reports the
/// frames they received and the frame lag (p50/p95/p99/max).
/// </summary>
public static class WallClientsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Option<Uri>("--target", "-t")
        {
            Description = "Base URL of the dashboard (the hub is {target}/hubs/wall).",
            HelpName = "url",
            CustomParser = OptionParsers.HttpUrl,
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080"),
        };
        var clients = new Option<int>("--clients", "-n") { Description = "Number of wall clients.", DefaultValueFactory = _ => 1000 }.InRange(1, 20_000);
        var duration = new Option<TimeSpan>("--duration", "-d")
        {
            Description = "How long to receive frames once every client is connected.",
            HelpName = "duration",
            CustomParser = OptionParsers.Duration,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        };
        var reportPath = new Option<string?>("--report") { Description = "Also write the result as JSON to this file.", HelpName = "path" };
        var command = new Command("wall-clients", "Connect many SignalR clients to the health wall and measure frame lag.") { target, clients, duration, reportPath };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var span = OptionParsers.Limit(parse.GetValue(duration)) ?? TimeSpan.FromSeconds(30);
            var swarm = new WallClientSwarm(parse.GetValue(target)!, parse.GetValue(clients));
            environment.Console.WriteLine($"Connecting {parse.GetValue(clients):N0} wall clients to {SignalRAccountWatcher.HubUri(parse.GetValue(target)!)} for {span.TotalSeconds:0}s of frames…");
            var report = await swarm.RunAsync(span, cancellationToken);
            var table = new Table().Title("Wall clients").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
            table.Border(environment.Interactive ? TableBorder.Rounded : TableBorder.Ascii);
            table.AddRow("Clients connected / failed", $"{report.Connected:N0} / {report.Failed:N0}");
            table.AddRow("Frames received", $"{report.Frames:N0} in {report.Duration.TotalSeconds:0.0}s ({report.FramesPerClientPerSecond:0.00} per client per second)");
            table.AddRow("Frame lag p50 / p95", $"{report.FrameLag.P50:0.0} ms / {report.FrameLag.P95:0.0} ms");
            table.AddRow("Frame lag p99 / max", $"{report.FrameLag.P99:0.0} ms / {report.FrameLag.Max:0.0} ms");
            if (report.FirstError is { } error) table.AddRow("First connect error", Markup.Escape(error));
            environment.Console.Write(table);
            if (parse.GetValue(reportPath) is { } path)
                await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(new
                {
                    clients = report.Clients, connected = report.Connected, failed = report.Failed, frames = report.Frames,
                    seconds = Math.Round(report.Duration.TotalSeconds, 2), framesPerClientPerSecond = Math.Round(report.FramesPerClientPerSecond, 3),
                    lag = new { p50 = report.FrameLag.P50, p95 = report.FrameLag.P95, p99 = report.FrameLag.P99, max = report.FrameLag.Max, count = report.FrameLag.Count },
                }), CancellationToken.None);
            if (report.Connected == 0)
            {
                await environment.Error.WriteLineAsync($"error: no client could connect{(report.FirstError is null ? "" : ": " + report.FirstError)}");
                return SimulateCommand.ExitFailed;
            }
            return cancellationToken.IsCancellationRequested ? SimulateCommand.ExitCancelled : SimulateCommand.ExitOk;
        });
        return command;
    }
}
