using Pulse.Cli;
using Pulse.Cli.Commands;

namespace Pulse.Simulation.Tests;

public class CliTests
{
    private static (CliEnvironment Environment, StringWriter Output, StringWriter Error) Plain()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (CliEnvironment.Plain(output, error), output, error);
    }

    [Theory]
    [InlineData("90", 90_000)]
    [InlineData("60s", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("0", 0)]
    [InlineData("2.5s", 2_500)]
    public void Durations_parse(string text, long milliseconds)
    {
        Assert.True(OptionParsers.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("inf")]
    public void Forever_means_no_limit(string text)
    {
        Assert.True(OptionParsers.TryParseDuration(text, out var duration));
        Assert.Null(duration);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("-3s")]
    [InlineData("")]
    [InlineData("s")]
    public void Bad_durations_are_refused(string text) => Assert.False(OptionParsers.TryParseDuration(text, out _));

    [Theory]
    [InlineData("--rate", "abc", "--rate")]
    [InlineData("--rate", "-5", "--rate")]
    [InlineData("--duration", "5x", "duration")]
    [InlineData("--accounts", "0", "--accounts must be between")]
    [InlineData("--accounts", "many", "--accounts")]
    [InlineData("--target", "ftp://example", "http://")]
    [InlineData("--target", "not a url", "--target")]
    [InlineData("--batch-size", "0", "--batch-size")]
    [InlineData("--connections", "1000", "--connections")]
    [InlineData("--backfill-days", "-1", "--backfill-days")]
    [InlineData("--mix", "nobody=1", "unknown persona 'nobody'")]
    public void Bad_values_give_clear_parse_errors(string option, string value, string expected)
    {
        var (environment, _, _) = Plain();
        var result = PulseCli.CreateRootCommand(environment).Parse(["simulate", option, value]);
        var error = Assert.Single(result.Errors);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_example_command_line_parses()
    {
        var (environment, _, _) = Plain();
        var result = PulseCli.CreateRootCommand(environment).Parse(
            "simulate --target http://127.0.0.1:5080 --write-key dev-write-key --accounts 10000 --rate 5000 --duration 60s --seed 42 --backfill-days 45 --batch-size 100 --connections 4");
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_bad_value_exits_non_zero_with_the_error_on_stderr()
    {
        var (environment, _, error) = Plain();
        var exit = await PulseCli.InvokeAsync(["simulate", "--duration", "soon"], environment);
        Assert.NotEqual(0, exit);
        Assert.Contains("'soon' is not a duration", error.ToString());
    }

    [Fact]
    public async Task Simulate_runs_against_a_server_prints_plain_progress_and_a_summary_and_exits_0()
    {
        await using var server = await TestIngestServer.StartAsync();
        var (environment, output, error) = Plain();
        var exit = await PulseCli.InvokeAsync(
            ["simulate", "--target", server.BaseUri.ToString(), "--write-key", "k", "--accounts", "30", "--backfill-days", "5",
             "--rate", "300", "--duration", "1.2s", "--seed", "3", "--connections", "2", "--progress-interval", "500ms"], environment);

        var text = output.ToString();
        Assert.True(exit == 0, text + error);
        Assert.Contains("Simulating 30 accounts (seed 3)", text);
        Assert.Contains("] live ", text);
        Assert.Contains("Simulation summary", text);
        Assert.Matches(@"\| Outcome\s+\|\s+completed", text);
        Assert.Matches(@"\| Accepted\s+\|\s+[1-9]", text);
        Assert.Contains("Events/s achieved", text);
        Assert.DoesNotContain("\u001b[", text); // no ANSI escapes in a log
        Assert.Equal("", error.ToString());
        Assert.Contains(server.Received, b => !b.Historical);
    }

    [Fact]
    public async Task Simulate_exits_non_zero_with_a_clear_message_when_the_server_is_unreachable()
    {
        var (environment, output, error) = Plain();
        var exit = await PulseCli.InvokeAsync(
            ["simulate", "--target", $"http://127.0.0.1:{TestIngestServer.FreePort()}", "--accounts", "5", "--backfill-days", "1", "--duration", "1s"], environment);

        Assert.Equal(SimulateCommand.ExitFailed, exit);
        Assert.Contains("error: cannot deliver to http://127.0.0.1:", error.ToString());
        Assert.Contains("Connection refused", error.ToString());
        Assert.Matches(@"\| Outcome\s+\|\s+failed", output.ToString());
    }

    [Fact]
    public async Task Simulate_reports_errors_by_reason_in_the_summary()
    {
        await using var server = await TestIngestServer.StartAsync(batch => new StubAnswer(207, new
        {
            success = false,
            accepted = batch.Messages.Count - 1,
            rejected = 1,
            errors = new[] { new { index = 0, messageId = "x", reason = "first message refused (test)" } },
        }));
        var (environment, output, _) = Plain();
        var exit = await PulseCli.InvokeAsync(
            ["simulate", "--target", server.BaseUri.ToString(), "--accounts", "4", "--backfill-days", "2", "--duration", "0"], environment);

        Assert.Equal(0, exit);
        Assert.Contains("Errors by reason", output.ToString());
        Assert.Matches(@"\| first message refused \(test\)\s+\|\s+\d+ \|", output.ToString());
    }

    [Fact]
    public async Task Cancelling_simulate_exits_130_after_printing_the_summary()
    {
        await using var server = await TestIngestServer.StartAsync();
        var (environment, output, error) = Plain();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var exit = await PulseCli.InvokeAsync(
            ["simulate", "--target", server.BaseUri.ToString(), "--accounts", "10", "--backfill-days", "1", "--duration", "forever", "--rate", "100"],
            environment, cts.Token);

        Assert.True(exit == SimulateCommand.ExitCancelled, $"exit {exit}: {output}{error}");
        Assert.Matches(@"\| Outcome\s+\|\s+cancelled", output.ToString());
    }
}
