using System.Net;
using System.Net.Http.Json;
using Pulse.Cli;
using Pulse.Cli.Commands;
using Pulse.Cli.Metrics;
using Pulse.Cli.Wall;
using Pulse.Health.Contracts;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Latency;
using Pulse.Simulation.Recording;
using Pulse.Simulation.Replay;

namespace Pulse.Silo.Tests;

/// <summary>The load tool against the real silo: metrics endpoint, replay of a recording, latency to the wall over SignalR.</summary>
[Collection(SiloCollection.Name)]
public sealed class LoadToolTests(SiloFixture silo)
{
    private static readonly string[] Named =
    [
        "pulse_events_ingested_total", "pulse_events_applied_total", "pulse_alerts_raised_total", "pulse_ingest_overloaded_total",
        "pulse_stream_backlog", "pulse_stream_backlog_limit", "pulse_accounts_active", "pulse_process_gc_heap_bytes", "pulse_process_memory_rss_bytes",
    ];

    private async Task<IReadOnlyList<MetricSample>> ScrapeAsync()
    {
        var response = await silo.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static double Value(IReadOnlyList<MetricSample> samples, string name) => samples.Single(s => s.Name == name).Value;

    [Fact]
    public async Task The_metrics_endpoint_serves_the_named_metrics_and_they_move_with_ingest()
    {
        var before = await ScrapeAsync();
        var account = Segment.NewAccount("metrics");
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Group(account, "metrics-user", new { arr = 1200 }),
            Segment.Track(account, "Session Started"),
            Segment.Track(account, "Feature Used", new { feature = "reports" }))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await silo.WaitForAccountAsync(account, 3);

        // Resident accounts are refreshed every few seconds; wait for the counters and the gauge.
        IReadOnlyList<MetricSample> after = before;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            after = await ScrapeAsync();
            if (Value(after, "pulse_events_applied_total") >= Value(before, "pulse_events_applied_total") + 3 && Value(after, "pulse_accounts_active") >= 1) break;
            await Task.Delay(200);
        }
        foreach (var name in Named) Assert.Contains(after, s => s.Name == name);
        Assert.Equal("counter", after.Single(s => s.Name == "pulse_events_ingested_total").Type);
        Assert.Equal("gauge", after.Single(s => s.Name == "pulse_stream_backlog").Type);
        Assert.True(Value(after, "pulse_events_ingested_total") >= Value(before, "pulse_events_ingested_total") + 3);
        Assert.True(Value(after, "pulse_events_applied_total") >= Value(before, "pulse_events_applied_total") + 3);
        Assert.True(Value(after, "pulse_accounts_active") >= 1);
        Assert.True(Value(after, "pulse_process_memory_rss_bytes") > 10_000_000);
        Assert.True(Value(after, "pulse_stream_backlog_limit") > 0);
    }

    [Fact]
    public async Task Pulse_metrics_prints_the_metrics_with_rates()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await PulseCli.InvokeAsync(["metrics", "--target", silo.BaseAddress.ToString(), "--interval", "200ms"], CliEnvironment.Plain(output, error));
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("pulse_events_applied_total", text);
        Assert.Contains("pulse_stream_backlog", text);
        Assert.Contains("Per second", text);
    }

    [Fact]
    public async Task A_recording_replays_into_the_silo_and_probes_measure_latency_to_the_wall()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pulse-e2e-{Guid.NewGuid():N}.ndjson");
        try
        {
            // A fresh seed so these accounts' message ids are new to the shared silo.
            var options = new GeneratorOptions { Seed = Random.Shared.Next(1_000_000, 2_000_000), Accounts = 60, BackfillDays = 6, Anchor = DateTimeOffset.UtcNow };
            await using (var file = StreamRecorder.OpenForWrite(path))
                await StreamRecorder.RecordAsync(options, file, null);
            var lines = File.ReadAllLines(path).Length;

            var tracker = new LatencyTracker();
            await using var watcher = await SignalRAccountWatcher.ConnectAsync(silo.BaseAddress, tracker, CancellationToken.None);
            using var http = new HttpClient();
            var summary = await new ReplayRunner(http, new ReplayOptions
            {
                Target = silo.BaseAddress,
                WriteKey = SiloFixture.WriteKey,
                Path = path,
                EventsPerSecond = 1_000,
                Historical = true,
                Connections = 4,
                ProbeAccounts = 3,
                ProbesPerSecond = 20,
            }, watcher, tracker).RunAsync();

            Assert.Equal(Pulse.Simulation.SimulationOutcome.Completed, summary.Outcome);
            Assert.Equal(lines + summary.Probes, summary.Accepted);
            Assert.True(summary.Probes > 0);
            Assert.Equal(0, summary.ProbesLost);
            Assert.Equal(summary.Probes, summary.Latency!.Count);
            Assert.True(summary.Latency.P50 > 0 && summary.Latency.P99 >= summary.Latency.P50 && summary.Latency.Max >= summary.Latency.P99);
            // The recorded accounts really were scored.
            var view = await silo.WaitForAccountAsync(AccountProfile.AccountIdOf(1), 1);
            Assert.NotNull(view);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
