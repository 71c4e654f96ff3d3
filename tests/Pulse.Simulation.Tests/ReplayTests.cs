using System.Text;
using Pulse.Ingest.Segment.Recordings;
using Pulse.Simulation.Latency;
using Pulse.Simulation.Recording;
using Pulse.Simulation.Replay;

namespace Pulse.Simulation.Tests;

/// <summary>The replay runner against the in-process ingest stub (a real Kestrel server on loopback).</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    private string TempFile(string suffix = ".ndjson")
    {
        var path = Path.Combine(Path.GetTempPath(), $"pulse-replay-{Guid.NewGuid():N}{suffix}");
        _files.Add(path);
        return path;
    }

    private async Task<string> RecordingAsync(int accounts, int days)
    {
        var path = TempFile();
        await using var file = StreamRecorder.OpenForWrite(path);
        await StreamRecorder.RecordAsync(Sim.Options(accounts, seed: 21, backfillDays: days), file, null);
        return path;
    }

    private string Lines(params string[] lines)
    {
        var path = TempFile();
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static string Track(int n, string account, DateTimeOffset at) =>
        $"{{\"type\":\"track\",\"messageId\":\"m-{n}\",\"timestamp\":\"{at:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"userId\":\"u-{account}\",\"context\":{{\"groupId\":\"{account}\"}},\"event\":\"Page Viewed\",\"properties\":{{}}}}";

    private static ReplayOptions Options(Uri target, string path, Action<ReplayOptions>? configure = null)
    {
        var o = new ReplayOptions { Target = target, WriteKey = "test-key", Path = path, Connections = 4, BatchSize = 50 };
        configure?.Invoke(o);
        return o;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_line_is_sent_once_unchanged_with_each_accounts_order_kept(bool historical)
    {
        var path = await RecordingAsync(120, 8);
        var lines = File.ReadAllLines(path);
        await using var server = await TestIngestServer.StartAsync();
        using var http = new HttpClient();

        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o => o.Historical = historical)).RunAsync();

        Assert.Equal(SimulationOutcome.Completed, summary.Outcome);
        Assert.Equal(lines.Length, summary.Read);
        Assert.Equal(lines.Length, summary.Accepted);
        Assert.All(server.Received, b => Assert.Equal(historical, b.Historical));
        Assert.All(server.Received, b => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-key:")), b.Authorization));
        var received = server.InOrder.SelectMany(b => b.Messages).ToList();
        Assert.Equal(lines.Length, received.Count);
        // Byte-identical messages (as re-serialized by the stub's parser), none lost or duplicated.
        Assert.Equal(lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetRawText()).Order(), received.Select(m => m.GetRawText()).Order());
        // Each account's messages arrive in file order, even over four connections.
        var expected = lines.Select(l => RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(l), 0, "f"))
            .GroupBy(m => m.RoutingKey).ToDictionary(g => g.Key, g => g.Select(m => Encoding.UTF8.GetString(m.Json.Span)).ToList());
        var actual = received.GroupBy(m => m.TryGetProperty("groupId", out var g) ? g.GetString()! : m.GetProperty("context").GetProperty("groupId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(m => m.GetRawText()).ToList());
        foreach (var (account, messages) in expected) Assert.Equal(messages, actual[account]);
    }

    [Fact]
    public async Task A_fixed_rate_is_never_exceeded()
    {
        const double rate = 1_000;
        var start = Sim.Anchor;
        var path = Lines(Enumerable.Range(1, 1500).Select(i => Track(i, $"a{i % 30}", start)).ToArray());
        await using var server = await TestIngestServer.StartAsync();
        using var http = new HttpClient();

        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o => { o.EventsPerSecond = rate; o.BatchSize = 100; })).RunAsync();

        Assert.Equal(1500, summary.Accepted);
        var batches = server.InOrder.ToList();
        var t0 = batches[0].At;
        long sent = 0;
        foreach (var b in batches)
        {
            sent += b.Messages.Count;
            // By the time a batch arrives, at most rate × elapsed (+ what one flush interval may hold) has been released.
            var allowed = rate * (b.At - t0).TotalSeconds + rate * 0.06 + batches[0].Messages.Count + 4 * 100;
            Assert.True(sent <= allowed, $"{sent} events by {(b.At - t0).TotalMilliseconds:0} ms at {rate}/s");
        }
        Assert.True(summary.Elapsed >= TimeSpan.FromSeconds(1.2), $"1,500 events at 1,000/s took only {summary.Elapsed}");
    }

    [Fact]
    public async Task A_speed_factor_follows_the_recorded_timestamps()
    {
        // Five events 10 s apart in recorded time, replayed 20× faster: half a second apart.
        var start = Sim.Anchor;
        var path = Lines(Enumerable.Range(0, 5).Select(i => Track(i, "acme", start.AddSeconds(10 * i))).ToArray());
        await using var server = await TestIngestServer.StartAsync();
        using var http = new HttpClient();

        var before = DateTimeOffset.UtcNow;
        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o => o.Speed = 20)).RunAsync();

        Assert.Equal(5, summary.Accepted);
        var sends = server.InOrder.SelectMany(b => b.Messages.Select(m => (SentAt: DateTimeOffset.Parse(b.SentAt, System.Globalization.CultureInfo.InvariantCulture),
            Id: m.GetProperty("messageId").GetString()))).ToList();
        Assert.Equal(["m-0", "m-1", "m-2", "m-3", "m-4"], sends.Select(a => a.Id));
        // No event leaves before its place in the schedule (a slow machine may only make it later): event i is due
        // half a second × i after the start. sentAt has millisecond precision, hence the 2 ms allowance.
        for (var i = 1; i < 5; i++)
            Assert.True(sends[i].SentAt - before >= TimeSpan.FromSeconds(0.5 * i) - TimeSpan.FromMilliseconds(2),
                $"event {i} was sent {(sends[i].SentAt - before).TotalMilliseconds:0} ms after the start, due at {500 * i} ms");
        Assert.True(summary.Elapsed >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Overload_answers_are_retried_after_Retry_After_with_the_same_messages()
    {
        var path = Lines(Enumerable.Range(1, 40).Select(i => Track(i, "acme", Sim.Anchor)).ToArray());
        var calls = 0;
        await using var server = await TestIngestServer.StartAsync(b =>
            Interlocked.Increment(ref calls) == 1 ? new StubAnswer(503, new { success = false, error = "backlog full" }, RetryAfterSeconds: 1) : StubAnswer.Ok(b.Messages.Count));
        using var http = new HttpClient();

        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o => { o.Connections = 1; o.BatchSize = 100; })).RunAsync();

        Assert.Equal(SimulationOutcome.Completed, summary.Outcome);
        Assert.Equal(40, summary.Accepted);
        Assert.Equal(40, summary.Sent); // a resend is a retry, not new events
        Assert.Equal(1, summary.Retries);
        var requests = server.InOrder.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].MessageIds, requests[1].MessageIds);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.95), $"resent after {(requests[1].At - requests[0].At).TotalMilliseconds:0} ms");
        Assert.Contains(summary.ErrorsByReason.Keys, k => k.Contains("503"));
    }

    [Fact]
    public async Task A_bad_line_stops_the_replay_naming_the_file_and_line()
    {
        var path = Lines(Track(1, "acme", Sim.Anchor), Track(2, "acme", Sim.Anchor), "{\"type\": oops}");
        await using var server = await TestIngestServer.StartAsync();
        using var http = new HttpClient();

        var summary = await new ReplayRunner(http, Options(server.BaseUri, path)).RunAsync();

        Assert.Equal(SimulationOutcome.Failed, summary.Outcome);
        Assert.Contains($"{Path.GetFileName(path)} line 3: not valid JSON", summary.FailureReason);
    }

    [Fact]
    public void Options_name_what_is_wrong()
    {
        var errors = new ReplayOptions { Path = "/nonexistent/file.ndjson", Speed = 10, EventsPerSecond = 5, Connections = 0 }.Validate();
        Assert.Contains("recording '/nonexistent/file.ndjson' does not exist", errors);
        Assert.Contains("give either a speed factor or a fixed rate, not both", errors);
        Assert.Contains(errors, e => e.StartsWith("connections must be between 1"));
    }

    [Fact]
    public async Task A_limit_stops_after_that_many_events()
    {
        var path = await RecordingAsync(50, 5);
        await using var server = await TestIngestServer.StartAsync();
        using var http = new HttpClient();
        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o => o.Limit = 77)).RunAsync();
        Assert.Equal(77, summary.Accepted);
        Assert.Equal(77, server.Received.Sum(b => b.Messages.Count));
    }

    [Fact]
    public async Task A_duration_stops_reading_and_what_was_read_is_delivered()
    {
        var path = Lines(Enumerable.Range(1, 20_000).Select(i => Track(i, $"a{i % 50}", Sim.Anchor)).ToArray());
        await using var server = await TestIngestServer.StartAsync();
        using var http = new HttpClient();
        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o =>
        {
            o.EventsPerSecond = 1_000;
            o.Duration = TimeSpan.FromSeconds(1);
        })).RunAsync();
        Assert.Equal(SimulationOutcome.Completed, summary.Outcome);
        // 20 s of events at 1,000/s; a 1 s window reads about a thousand, and everything read is sent and accepted.
        Assert.InRange(summary.Read, 1, 5_000);
        Assert.Equal(summary.Read, summary.Accepted);
        Assert.Equal(summary.Read, server.Received.Sum(b => b.Messages.Count));
        Assert.NotNull(summary.MaxLag);
    }

    [Fact]
    public async Task Probes_ride_in_the_load_batches_and_their_arrival_is_measured()
    {
        var path = Lines(Enumerable.Range(1, 400).Select(i => Track(i, $"a{i % 7}", Sim.Anchor)).ToArray());
        var tracker = new LatencyTracker();
        var watcher = new StubWall(tracker);
        // The stub plays the wall: every probe it receives is "applied" and shown to the watcher at once.
        await using var server = await TestIngestServer.StartAsync(b =>
        {
            watcher.Applied(b.Messages.Select(m => m.GetProperty("context").GetProperty("groupId").GetString()!));
            return StubAnswer.Ok(b.Messages.Count);
        });
        using var http = new HttpClient();

        var summary = await new ReplayRunner(http, Options(server.BaseUri, path, o =>
        {
            o.EventsPerSecond = 800;
            o.ProbeAccounts = 3;
            o.ProbesPerSecond = 50;
        }), watcher, tracker).RunAsync();

        Assert.Equal(SimulationOutcome.Completed, summary.Outcome);
        Assert.Equal(400 + summary.Probes, summary.Accepted);
        Assert.True(summary.Probes >= 10, $"{summary.Probes} probes in a half-second run at 50/s");
        Assert.Equal(3, watcher.Watched.Count);
        Assert.All(watcher.Watched, id => Assert.Matches("^probe-[0-9a-f]+-00[1-3]$", id));
        Assert.Equal(summary.Probes, summary.Latency!.Count);
        Assert.Equal(0, summary.ProbesLost);
        // Probes share batches with the load rather than travelling alone.
        Assert.Contains(server.Received, b => b.Messages.Any(m => m.GetProperty("messageId").GetString()!.StartsWith("probe-")) &&
                                            b.Messages.Any(m => m.GetProperty("messageId").GetString()!.StartsWith("m-")));
    }

    /// <summary>Counts events per probe account as the server receives them and reports the counters to the tracker.</summary>
    private sealed class StubWall(LatencyTracker tracker) : IAccountWatcher
    {
        private readonly Dictionary<string, long> _applied = [];
        public List<string> Watched { get; } = [];

        public Task<long> WatchAsync(string accountId, CancellationToken cancellationToken)
        {
            lock (_applied)
            {
                Watched.Add(accountId);
                _applied[accountId] = 0;
            }
            return Task.FromResult(0L);
        }

        public void Applied(IEnumerable<string> accounts)
        {
            lock (_applied)
            {
                foreach (var account in accounts)
                {
                    if (!_applied.TryGetValue(account, out var n)) continue;
                    _applied[account] = n + 1;
                    tracker.Observed(account, n + 1, TimeProvider.System.GetTimestamp());
                }
            }
        }
    }
}
