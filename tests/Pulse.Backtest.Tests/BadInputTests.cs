using Pulse.Health.Model.Policy;

namespace Pulse.Backtest.Tests;

public class BadInputTests
{
    private static readonly HealthPolicy Default = DefaultPolicy.Create();

    private static BacktestInputException StreamError(string text) =>
        Assert.Throws<BacktestInputException>(() =>
            BacktestRunner.Run(new StringReader(text), "recorded.ndjson", Default, Default, new BacktestOptions()));

    private static string Good(int n) =>
        $$$"""{"type":"track","messageId":"m{{{n}}}","timestamp":"2026-09-01T09:00:00Z","userId":"u","event":"Session Started","context":{"groupId":"a"}}""";

    [Theory]
    [InlineData("{\"type\":\"track\",", "not valid JSON")]
    [InlineData("[1,2]", "one JSON object")]
    [InlineData("""{"type":"track","messageId":"x","timestamp":"2026-09-01T09:00:00Z","userId":"u"}""", "missing the event name ('event')")]
    [InlineData("""{"type":"track","messageId":"x","timestamp":"yesterday","userId":"u","event":"E"}""", "timestamp is not an ISO-8601 date")]
    [InlineData("""{"type":"track","messageId":"x","userId":"u","event":"E"}""", "timestamp is missing")]
    [InlineData("""{"type":"launch","messageId":"x","timestamp":"2026-09-01T09:00:00Z","userId":"u"}""", "unknown type 'launch'")]
    [InlineData("""{"type":"track","messageId":"x","timestamp":"2026-09-01T09:00:00Z","userId":"u","event":"NPS Submitted","properties":{"score":11}}""", "properties.score")]
    [InlineData("""{"type":"group","messageId":"x","timestamp":"2026-09-01T09:00:00Z","userId":"u","traits":{"tier":"b2c"}}""", "missing groupId")]
    [InlineData("""{"type":"group","messageId":"x","timestamp":"2026-09-01T09:00:00Z","userId":"u","groupId":"g","traits":{"tier":"gold"}}""", "traits.tier 'gold'")]
    public void A_bad_line_is_named_with_the_reason(string bad, string reason)
    {
        var error = StreamError(Good(1) + "\n\n" + bad + "\n" + Good(2));
        Assert.Equal(3, error.Line);
        Assert.StartsWith("recorded.ndjson line 3: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Skip_invalid_counts_the_bad_lines_and_replays_the_rest()
    {
        var text = Good(1) + "\nnot json\n" + Good(2) + "\n{\"type\":\"track\"}\n";
        var report = BacktestRunner.Run(new StringReader(text), "s", Default, Default, new BacktestOptions { SkipInvalid = true });
        Assert.Equal(2, report.Stream.InvalidSkipped);
        Assert.Equal(2, report.Stream.Applied);
        Assert.Collection(report.Stream.InvalidSample,
            first => Assert.StartsWith("s line 2: not valid JSON", first),
            second => Assert.StartsWith("s line 4: ", second));
    }

    [Theory]
    [InlineData("""{"accountId":"a","outcome":"maybe"}""", "outcome 'maybe' is not one of churns, renews, expands")]
    [InlineData("""{"outcome":"churns"}""", "accountId is missing")]
    [InlineData("""{"accountId":"a"}""", "outcome is missing")]
    [InlineData("""{"accountId":"a","outcome":"churns","at":"soon"}""", "at is not an ISO-8601 date")]
    [InlineData("""{"accountId":"x","outcome":"churns"}""", "accountId 'x' is labelled twice (first on line 1)")]
    [InlineData("""{"accountId":"a","outcome":""", "not valid JSON")]
    public void A_bad_label_is_named_with_the_field(string bad, string reason)
    {
        var text = """{"accountId":"x","outcome":"renews","persona":"p","tier":"b2c","at":"2026-12-01T00:00:00Z"}""" + "\n" + bad + "\n";
        var error = Assert.Throws<BacktestInputException>(() => LabelReader.Read(new StringReader(text), "labels.ndjson"));
        Assert.StartsWith($"labels.ndjson line 2: {reason}", error.Message);
    }

    [Fact]
    public void Labels_parse_every_field()
    {
        var labels = LabelReader.Read(new StringReader(StreamFixture.Labels(("acct-000042", "churns"), ("acct-000043", "Expands"))), "l");
        Assert.Equal(Outcome.Churns, labels["acct-000042"].Outcome);
        Assert.Equal(Outcome.Expands, labels["acct-000043"].Outcome);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), labels["acct-000042"].At);
        Assert.Equal("test", labels["acct-000042"].Persona);
        Assert.Equal("tech-touch", labels["acct-000042"].Tier);
    }
}
