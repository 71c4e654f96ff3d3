using System.Buffers;
using System.Text.Json;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Sending;

namespace Pulse.Simulation.Latency;

/// <summary>
/// A latency probe: an ordinary <c>Page Viewed</c> track call for a probe account (<c>probe-{run}-{n}</c>) that only
/// probes write to, sent inside the load's own batches so it takes exactly the path the load takes.
/// </summary>
public sealed class ProbeMessage : IWireMessage
{
    public ProbeMessage(string runId, string accountId, long number, long expected, DateTimeOffset now)
    {
        AccountId = accountId;
        Expected = expected;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "track");
            w.WriteString("messageId", $"probe-{runId}-{number}");
            w.WriteString("timestamp", SimMessage.FormatTimestamp(now));
            w.WriteString("userId", accountId + "-user");
            w.WriteStartObject("context");
            w.WriteString("groupId", accountId);
            w.WriteEndObject();
            w.WriteString("event", "Page Viewed");
            w.WriteStartObject("properties");
            w.WriteString("platform", "web");
            w.WriteString("page", "/latency-probe");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        Json = buffer.WrittenMemory.ToArray();
    }

    public ReadOnlyMemory<byte> Json { get; }
    public string AccountId { get; }
    /// <summary>The account's events-applied count once this probe is scored.</summary>
    public long Expected { get; }

    public static string AccountIdOf(string runId, int index) => $"probe-{runId}-{index:D3}";
}
