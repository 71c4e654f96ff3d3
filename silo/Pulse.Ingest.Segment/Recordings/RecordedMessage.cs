using Pulse.Simulation.Sending;

namespace Pulse.Simulation.Replay;

/// <summary>
/// One line of a recording: the message's exact JSON (sent unchanged), plus what replay needs to schedule and route
/// it — the event time and the account (routing as the ingest API does it).
/// </summary>
public sealed class RecordedMessage(ReadOnlyMemory<byte> json, string routingKey, DateTimeOffset? timestamp, long lineNumber) : IWireMessage
{
    public ReadOnlyMemory<byte> Json { get; } = json;
    /// <summary>The account (context.groupId, groupId, properties.accountId, else userId or messageId): one connection per key keeps its order.</summary>
    public string RoutingKey { get; } = routingKey;
    public DateTimeOffset? Timestamp { get; } = timestamp;
    public long LineNumber { get; } = lineNumber;
}
