using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Metrics;
using Spectre.Console;

namespace Pulse.Cli.Commands;

/// <summary>
/// <c>pulse metrics</c>: scrapes a silo's Prometheus endpoint twice, <c>--interval</c> apart, and prints the Pulse
/// metrics with a per-second rate for counters (events ingested/applied per second, alerts per second).
/// </summary>
public static class MetricsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Option<Uri>("--target", "-t")
        {
            Description = "Base URL of the silo; metrics are read from {target}/metrics.",
            HelpName = "url",
            CustomParser = OptionParsers.HttpUrl,
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080"),
        };
        var interval = new Option<TimeSpan>("--interval", "-i")
        {
            Description = "Time between the two scrapes that give counters a rate (0 = one scrape, no rates).",
            HelpName = "duration",
            CustomParser = OptionParsers.Duration,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(2),
        };
        var all = new Option<bool>("--all") { Description = "Print every metric the endpoint serves, not only pulse_*." };
        var command = new Command("metrics", "Print a silo's OpenTelemetry metrics (Prometheus endpoint) with rates for counters.") { target, interval, all };
        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(parse.GetValue(target)!, OptionParsers.Limit(parse.GetValue(interval)) ?? TimeSpan.Zero, parse.GetValue(all), environment, cancellationToken));
        return command;
    }

    public static Uri MetricsUri(Uri target)
    {
        var text = target.AbsoluteUri;
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), "metrics");
    }

    public static async Task<int> RunAsync(Uri target, TimeSpan interval, bool all, CliEnvironment environment, CancellationToken cancellationToken)
    {
        using var http = environment.CreateHttpClient(1);
        http.Timeout = TimeSpan.FromSeconds(10);
        var uri = MetricsUri(target);
        try
        {
            var first = await ScrapeAsync(http, uri, cancellationToken);
            var started = DateTime.UtcNow;
            IReadOnlyList<MetricSample>? second = null;
            if (interval > TimeSpan.Zero)
            {
                await Task.Delay(interval, cancellationToken);
                second = await ScrapeAsync(http, uri, cancellationToken);
            }
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            Print(environment.Console, second ?? first, second is null ? null : first, seconds, all, uri, environment.Interactive);
            return SimulateCommand.ExitOk;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SimulateCommand.ExitCancelled;
        }
        catch (Exception ex) when (ex is HttpRequestException or FormatException or TaskCanceledException)
        {
            await environment.Error.WriteLineAsync($"error: cannot read metrics from {uri}: {ex.Message}");
            return SimulateCommand.ExitFailed;
        }
    }

    private static async Task<IReadOnlyList<MetricSample>> ScrapeAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} (is this a Pulse silo?)");
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<MetricSample> now, IReadOnlyList<MetricSample>? before, double seconds, bool all, Uri uri, bool fancy)
    {
        var previous = before?.ToDictionary(s => (s.Name, s.Labels), s => s.Value) ?? [];
        var table = new Table().Title(Markup.Escape($"Metrics of {uri}")).AddColumn("Metric").AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn(new TableColumn("Per second").RightAligned()).AddColumn("Meaning");
        table.Border(fancy ? TableBorder.Rounded : TableBorder.Ascii);
        foreach (var s in now.Where(s => all || s.Name.StartsWith("pulse_", StringComparison.Ordinal)).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var rate = s.Type == "counter" && before is not null && seconds > 0 && previous.TryGetValue((s.Name, s.Labels), out var was)
                ? ((s.Value - was) / seconds).ToString("N1", CultureInfo.InvariantCulture)
                : "";
            var labels = all ? s.Labels : "";
            table.AddRow(Markup.Escape(s.Name + (labels.Length > 0 ? "{" + labels + "}" : "")), Format(s), rate, Markup.Escape(s.Help));
        }
        console.Write(table);
    }

    private static string Format(MetricSample s) =>
        s.Name.EndsWith("_bytes", StringComparison.Ordinal)
            ? $"{s.Value / (1024 * 1024):N1} MiB"
            : s.Value.ToString(s.Value == Math.Floor(s.Value) ? "N0" : "N2", CultureInfo.InvariantCulture);
}
