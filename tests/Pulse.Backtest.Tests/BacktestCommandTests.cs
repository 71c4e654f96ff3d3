using System.Text.Json;
using Pulse.Cli;
using Pulse.Health.Model.Policy;

namespace Pulse.Backtest.Tests;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pulse-backtest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File_(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> Pulse(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await PulseCli.InvokeAsync(args, CliEnvironment.Plain(output, error));
        return (exit, output.ToString(), error.ToString());
    }

    private string Book() => File_("stream.ndjson", new StreamFixture().Healthy("acct-1").Failing("acct-2").Failing("acct-3").Text);

    [Fact]
    public async Task Json_report_carries_bands_changes_and_metrics()
    {
        var labels = File_("labels.ndjson", StreamFixture.Labels(("acct-1", "renews"), ("acct-2", "churns"), ("acct-3", "renews")));
        var (exit, output, error) = await Pulse("backtest", Book(), "--labels", labels, "--json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("stream").GetProperty("accounts").GetInt32());
        Assert.Equal(2, root.GetProperty("baseline").GetProperty("bands").GetProperty("red").GetInt32());
        Assert.Equal(DefaultPolicy.Version, root.GetProperty("candidate").GetProperty("version").GetString());
        Assert.Equal(0, root.GetProperty("bandChanges").GetProperty("count").GetInt32());
        var churn = root.GetProperty("baseline").GetProperty("churn");
        Assert.Equal(0.5, churn.GetProperty("red").GetProperty("precision").GetDouble());
        Assert.Equal(1.0, churn.GetProperty("red").GetProperty("recall").GetDouble());
        Assert.True(churn.TryGetProperty("redOrYellow", out _));
        Assert.True(churn.GetProperty("atRisk").TryGetProperty("recall", out _));
        Assert.Equal(4, churn.GetProperty("bands").GetArrayLength());
        Assert.True(churn.TryGetProperty("liftTop10", out _));
        Assert.True(root.GetProperty("baseline").TryGetProperty("atRisk", out _));
        Assert.Equal(3, root.GetProperty("labels").GetProperty("matched").GetInt32());
    }

    [Fact]
    public async Task Tables_show_bands_and_churn_prediction()
    {
        var labels = File_("labels.ndjson", StreamFixture.Labels(("acct-1", "renews"), ("acct-2", "churns")));
        var (exit, output, _) = await Pulse("backtest", Book(), "--labels", labels);

        Assert.Equal(0, exit);
        Assert.Contains("Accounts per band", output);
        Assert.Contains("0 accounts change band", output);
        Assert.Contains("precision", output);
        Assert.Contains("AUC", output);
        Assert.Contains("Replayed", output);
    }

    [Fact]
    public async Task A_gzip_recording_backtests_exactly_like_the_plain_one()
    {
        var plain = Book();
        var gzip = Path.Combine(_dir, "stream.ndjson.gz");
        await using (var file = File.Create(gzip))
        await using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal))
            await zip.WriteAsync(await File.ReadAllBytesAsync(plain));

        var fromPlain = await Pulse("backtest", plain, "--json");
        var fromGzip = await Pulse("backtest", gzip, "--json");

        Assert.True(fromGzip.Exit == 0, fromGzip.Error);
        Assert.Equal(3, JsonDocument.Parse(fromGzip.Output).RootElement.GetProperty("stream").GetProperty("accounts").GetInt32());
        Assert.Equal(fromPlain.Output, fromGzip.Output);
    }

    [Fact]
    public async Task A_bad_stream_line_exits_1_naming_file_and_line()
    {
        var path = File_("bad.ndjson", new StreamFixture().Healthy("acct-1", days: 2).Raw("{\"type\":\"track\",\"messageId\":\"z\"}").Text);
        var (exit, output, error) = await Pulse("backtest", path);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"error: {path} line 7: ", error); // group, 2 days × (session, feature), NPS: the bad one is line 7
    }

    [Theory]
    [InlineData("--baseline", "no-such-policy.json", "policy file 'no-such-policy.json' does not exist")]
    [InlineData("--labels", "no-such-labels.ndjson", "labels file 'no-such-labels.ndjson' does not exist")]
    public async Task Missing_files_are_named(string option, string value, string expected)
    {
        var (exit, _, error) = await Pulse("backtest", Book(), option, value);
        Assert.Equal(1, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task A_bad_as_of_time_is_a_parse_error()
    {
        var (exit, _, error) = await Pulse("backtest", Book(), "--as-of", "next tuesday");
        Assert.NotEqual(0, exit);
        Assert.Contains("--as-of: 'next tuesday' is not an ISO-8601 time", error);
    }

    [Fact]
    public async Task A_candidate_policy_file_is_compared_with_the_default()
    {
        var strict = DefaultPolicy.Create() with { Version = "strict-edges", YellowFrom = 98, GreenFrom = 99, AdvocateFrom = 99.9, BandHysteresis = 0.4 };
        var policy = File_("strict.json", PolicyDocument.Serialize(strict));
        var (exit, output, error) = await Pulse("backtest", Book(), "--candidate", policy, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("strict-edges", root.GetProperty("candidate").GetProperty("version").GetString());
        Assert.Equal(3, root.GetProperty("candidate").GetProperty("bands").GetProperty("red").GetInt32());
        // acct-1 is healthy under the default and red under the strict edges; the failing ones are red under both.
        Assert.Equal(1, root.GetProperty("bandChanges").GetProperty("count").GetInt32());
        Assert.Equal("acct-1", root.GetProperty("bandChanges").GetProperty("sample")[0].GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task An_invalid_policy_file_names_the_bad_field()
    {
        var policy = File_("bad.json", PolicyDocument.Serialize(DefaultPolicy.Create()).Replace("\"yellowFrom\": 50", "\"yellowFrom\": \"fifty\""));
        var (exit, _, error) = await Pulse("backtest", Book(), "--candidate", policy);
        Assert.Equal(1, exit);
        Assert.Contains("bad.json' is invalid", error);
        Assert.Contains("yellowFrom", error);
    }

    [Fact]
    public async Task Simulate_backtests_each_seed_in_memory_and_prints_the_mean()
    {
        var (exit, output, error) = await Pulse("backtest", "--simulate", "--accounts", "60", "--days", "20", "--seeds", "101,102");
        Assert.True(exit == 0, error);
        Assert.Contains("Churn prediction per seed", output);
        Assert.Contains("101", output);
        Assert.Contains("102", output);
        Assert.Contains("mean", output);
    }

    [Fact]
    public async Task Simulate_json_carries_every_run_and_the_mean_and_is_deterministic()
    {
        var (exit, output, error) = await Pulse("backtest", "--simulate", "--accounts", "60", "--days", "20", "--seeds", "7", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal(7, run.GetProperty("seed").GetInt64());
        Assert.Equal(60, run.GetProperty("report").GetProperty("labels").GetProperty("matched").GetInt32());
        Assert.True(json.RootElement.GetProperty("mean").GetProperty("baseline").TryGetProperty("auc", out _));
        var (_, again, _) = await Pulse("backtest", "--simulate", "--accounts", "60", "--days", "20", "--seeds", "7", "--json");
        Assert.Equal(output, again);
    }

    [Theory]
    [InlineData(new[] { "backtest" }, "give a recorded stream file")]
    [InlineData(new[] { "backtest", "--simulate", "stream.ndjson" }, "--simulate generates its own stream")]
    public async Task Simulate_and_a_stream_file_are_either_or(string[] args, string expected)
    {
        var (exit, _, error) = await Pulse(args);
        Assert.Equal(1, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Bad_seeds_are_a_parse_error()
    {
        var (exit, _, error) = await Pulse("backtest", "--simulate", "--seeds", "1,two");
        Assert.NotEqual(0, exit);
        Assert.Contains("--seeds: 'two' is not a whole number", error);
    }
}
