using System.Text;
using Pulse.Ingest.Segment.Recordings;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Recording;
using Pulse.Simulation.Replay;

namespace Pulse.Simulation.Tests;

public class RecordingTests
{
    private static (byte[] Stream, byte[] Labels, RecordSummary Summary) Record(int accounts, long seed, int days = 20)
    {
        using var stream = new MemoryStream();
        using var labels = new MemoryStream();
        var summary = StreamRecorder.RecordAsync(Sim.Options(accounts, seed: seed, backfillDays: days), stream, labels).GetAwaiter().GetResult();
        return (stream.ToArray(), labels.ToArray(), summary);
    }

    private static string[] Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Same_seed_gives_the_same_stream_and_labels_byte_for_byte()
    {
        var a = Record(400, seed: 42);
        var b = Record(400, seed: 42);
        var c = Record(400, seed: 9);
        Assert.True(a.Stream.Length > 100_000);
        Assert.Equal(a.Stream, b.Stream);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Stream, c.Stream);
        Assert.NotEqual(a.Labels, c.Labels);
        Assert.Equal(400, Lines(a.Labels).Length);
    }

    [Fact]
    public void The_stream_is_ordered_by_timestamp_and_keeps_every_accounts_own_order()
    {
        var (stream, _, summary) = Record(300, seed: 3);
        var lines = Lines(stream);
        Assert.Equal(summary.Messages, lines.Length);
        var parsed = lines.Select((l, i) => RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(l), i + 1, "test")).ToList();
        for (var i = 1; i < parsed.Count; i++) Assert.True(parsed[i - 1].Timestamp <= parsed[i].Timestamp, $"line {i + 1} goes back in time");

        // Per account, the file holds exactly the generator's history, in the generator's order, group call first.
        var expected = Sim.BackfillByAccount(Sim.Generator(300, seed: 3, backfillDays: 20));
        var byAccount = lines.GroupBy(l => RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(l), 0, "test").RoutingKey)
            .ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(300, byAccount.Count);
        foreach (var (index, messages) in expected)
        {
            var recorded = byAccount[AccountProfile.AccountIdOf(index)];
            Assert.Equal(messages.Select(m => m.ToString()), recorded);
            Assert.StartsWith("{\"type\":\"group\"", recorded[0]);
        }
    }

    [Fact]
    public async Task A_recording_round_trips_through_a_gzip_file_and_the_streaming_reader()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pulse-rec-{Guid.NewGuid():N}.ndjson.gz");
        try
        {
            var options = Sim.Options(150, seed: 11, backfillDays: 10);
            await using (var file = StreamRecorder.OpenForWrite(path))
                await StreamRecorder.RecordAsync(options, file, null);
            var expected = new TimeOrderedHistory(new CustomerGenerator(options)).Messages().ToList();

            using var reader = new RecordingReader(path);
            var read = new List<RecordedMessage>();
            await foreach (var m in reader.ReadAsync()) read.Add(m);

            Assert.Equal(expected.Count, read.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Json.ToArray(), read[i].Json.ToArray());
                Assert.Equal(expected[i].AccountId, read[i].RoutingKey);
                Assert.Equal(expected[i].Timestamp, read[i].Timestamp);
                Assert.Equal(i + 1, read[i].LineNumber);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{\"type\":\"track\",\"userId\":\"u\",\"context\":{\"groupId\":\"acme\"},\"groupId\":\"other\"}", "acme")]
    [InlineData("{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"acme\",\"traits\":{\"groupId\":\"x\"}}", "acme")]
    [InlineData("{\"type\":\"track\",\"userId\":\"u\",\"properties\":{\"accountId\":\"acme\",\"nested\":{\"a\":[1,2]}}}", "acme")]
    [InlineData("{\"type\":\"identify\",\"userId\":\"solo\"}", "solo")]
    public void Messages_route_to_their_account_as_the_ingest_api_does(string json, string account)
    {
        Assert.Equal(account, RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(json), 1, "f").RoutingKey);
    }

    [Theory]
    [InlineData("[1,2]", "f line 7: not a JSON object")]
    [InlineData("{\"type\":\"track\"", "f line 7: not valid JSON")]
    [InlineData("{\"timestamp\":\"yesterday\"}", "f line 7: \"timestamp\" 'yesterday' is not an ISO-8601 time")]
    [InlineData("{\"a\":1} {\"b\":2}", "f line 7: not valid JSON")]
    public void Bad_lines_are_refused_with_the_file_line_and_reason(string json, string expected)
    {
        var error = Assert.Throws<RecordingFormatException>(() => RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(json), 7, "f"));
        Assert.StartsWith(expected, error.Message);
    }
}
