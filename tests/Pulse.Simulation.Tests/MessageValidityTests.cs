using System.Globalization;
using System.Text;
using System.Text.Json;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Sending;

namespace Pulse.Simulation.Tests;

/// <summary>Every generated message is one the ingest API accepts, and batches respect Segment's limits.</summary>
public class MessageValidityTests
{
    /// <summary>The ingest contract's required properties (Pulse's EventCatalog), restated independently.</summary>
    private static readonly Dictionary<string, string> Required = new()
    {
        ["Feature Used"] = "feature",
        ["Ticket Opened"] = "ticketId",
        ["Ticket Escalated"] = "ticketId",
        ["Ticket Solved"] = "ticketId",
        ["NPS Submitted"] = "score",
        ["CSAT Submitted"] = "score",
        ["Invoice Issued"] = "invoiceId",
        ["Payment Received"] = "invoiceId",
        ["Payment Failed"] = "invoiceId",
    };

    private static readonly HashSet<string> KnownEvents =
    [
        "Session Started", "Page Viewed", "Feature Used", "Milestone Reached", "Seats Updated", "Ticket Opened", "Ticket Escalated",
        "Ticket Solved", "Outage Reported", "Survey Sent", "NPS Submitted", "CSAT Submitted", "Invoice Issued", "Payment Received",
        "Payment Failed", "Contract Signed", "Contract Changed", "Renewal Closed", "Subscription Cancelled", "Email Opened", "Email Clicked",
        "Email Bounced", "Email Unsubscribed", "Contact Role Changed", "Onboarding Milestone Completed", "Go Live Completed", "Advocacy Recorded",
    ];

    private static List<SimMessage> Stream(out DateTimeOffset liveNow)
    {
        var generator = Sim.Generator(600, seed: 11);
        var messages = generator.Backfill().ToList();
        liveNow = Sim.Anchor.AddMinutes(5);
        messages.AddRange(Sim.LiveRounds(generator, generator.Options.LiveEpisodeRounds + 40, new FixedClock(liveNow)).SelectMany(kv => kv.Value));
        return messages;
    }

    [Fact]
    public void Every_message_has_an_id_a_timestamp_a_route_and_the_required_properties()
    {
        var messages = Stream(out var liveNow);
        var ids = new HashSet<string>();
        var events = new HashSet<string>();
        foreach (var message in messages)
        {
            var raw = Encoding.UTF8.GetString(message.Json.Span);
            Assert.True(message.Json.Length <= 32 * 1024, $"{message.Json.Length} bytes: {raw}");
            using var doc = JsonDocument.Parse(message.Json);
            var m = doc.RootElement;

            var id = m.GetProperty("messageId").GetString();
            Assert.False(string.IsNullOrEmpty(id), raw);
            Assert.True(ids.Add(id!), "duplicate messageId " + id);

            var timestamp = m.GetProperty("timestamp").GetString()!;
            Assert.True(DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var t), raw);
            Assert.True(t <= liveNow, $"timestamp in the future: {raw}");
            Assert.True(t >= Sim.Anchor.UtcDateTime.Date.AddDays(-Sim.Days), raw);
            Assert.StartsWith("u-", m.GetProperty("userId").GetString());

            var type = m.GetProperty("type").GetString();
            if (type == "group")
            {
                Assert.Matches("^acct-\\d{6}$", m.GetProperty("groupId").GetString());
                var traits = m.GetProperty("traits");
                Assert.Contains(traits.GetProperty("tier").GetString(), new[] { "b2c", "tech-touch", "low-touch", "high-touch" });
                Assert.True(traits.GetProperty("arr").GetDecimal() > 0);
                Assert.True(traits.GetProperty("seats").GetInt32() > 0);
                Assert.True(DateOnly.TryParseExact(traits.GetProperty("renewalDate").GetString(), "yyyy-MM-dd", out _));
                foreach (var trait in new[] { "name", "plan", "segment", "industry" }) Assert.False(string.IsNullOrEmpty(traits.GetProperty(trait).GetString()));
                continue;
            }

            Assert.Equal("track", type);
            Assert.Matches("^acct-\\d{6}$", m.GetProperty("context").GetProperty("groupId").GetString());
            var name = m.GetProperty("event").GetString()!;
            Assert.Contains(name, KnownEvents);
            events.Add(name);
            var props = m.GetProperty("properties");
            Assert.Equal(JsonValueKind.Object, props.ValueKind);
            if (Required.TryGetValue(name, out var required))
            {
                Assert.True(props.TryGetProperty(required, out var value) && value.ValueKind != JsonValueKind.Null, $"{name} lacks {required}: {raw}");
                if (value.ValueKind == JsonValueKind.String) Assert.False(string.IsNullOrEmpty(value.GetString()), raw);
            }
            if (name == "NPS Submitted") Assert.InRange(props.GetProperty("score").GetInt32(), 0, 10);
            if (name == "CSAT Submitted") Assert.InRange(props.GetProperty("score").GetInt32(), 1, 5);
            if (props.TryGetProperty("priority", out var priority)) Assert.Matches("^P[1-4]$", priority.GetString());
            if (props.TryGetProperty("platform", out var platform)) Assert.Contains(platform.GetString(), new[] { "web", "mobile", "api" });
            if (props.TryGetProperty("key", out var key)) Assert.True(key.ValueKind is JsonValueKind.True or JsonValueKind.False);
            foreach (var date in new[] { "dueDate", "renewalDate" })
                if (props.TryGetProperty(date, out var d)) Assert.True(DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", out _), raw);
            if (name == "Seats Updated")
                Assert.InRange(props.GetProperty("active").GetInt32(), 0, props.GetProperty("purchased").GetInt32());
            if (name == "Contact Role Changed")
            {
                Assert.Contains(props.GetProperty("role").GetString(), new[] { "champion", "sponsor", "admin", "power_user" });
                Assert.Contains(props.GetProperty("change").GetString(), new[] { "assigned", "departed", "unreachable" });
            }
            if (name == "Contract Changed") Assert.Contains(props.GetProperty("change").GetString(), new[] { "upgrade", "downgrade" });
        }
        // The stream exercises the events the model reads.
        foreach (var expected in new[] { "Feature Used", "Seats Updated", "Ticket Opened", "Ticket Escalated", "Ticket Solved", "NPS Submitted",
                     "CSAT Submitted", "Invoice Issued", "Payment Received", "Payment Failed", "Contract Changed", "Contact Role Changed",
                     "Go Live Completed", "Onboarding Milestone Completed", "Advocacy Recorded", "Outage Reported", "Email Bounced" })
            Assert.Contains(expected, events);
    }

    [Fact]
    public void Each_account_opens_with_its_group_call()
    {
        var generator = Sim.Generator(100);
        foreach (var account in generator.Partition(0, 1))
        {
            var first = account.Backfill().First();
            Assert.Equal("group", first.Type);
            Assert.Equal(account.Profile.AccountId, first.AccountId);
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    public void Batches_stay_within_the_message_count_and_500_KB(int batchSize)
    {
        var messages = Sim.Generator(400).Backfill().ToList();
        var batches = BatchBuilder.Split(messages, batchSize).ToList();
        Assert.Equal(messages.Select(m => m.MessageId), batches.SelectMany(b => b).Select(m => m.MessageId));
        foreach (var batch in batches)
        {
            Assert.InRange(batch.Count, 1, batchSize);
            var body = BatchBody.Build(batch, historical: true, Sim.Anchor);
            Assert.True(body.Length <= 500 * 1024, $"{body.Length} bytes");
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(batch.Count, doc.RootElement.GetProperty("batch").GetArrayLength());
            Assert.True(doc.RootElement.GetProperty("historical").GetBoolean());
            Assert.Equal("2026-11-22T12:00:00.000Z", doc.RootElement.GetProperty("sentAt").GetString());
        }
        if (batchSize == 10_000) Assert.True(batches.Count > 1, "a large batch size is cut by bytes");
    }
}
