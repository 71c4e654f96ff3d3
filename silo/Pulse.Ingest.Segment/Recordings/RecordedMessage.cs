namespace Pulse.Ingest.Segment.Recordings;

/// <summary>
/// One line of a recording (NDJSON: one Segment message per line, as it was POSTed). Replay reads it fast and sends the
/// bytes unchanged; the backtest reads it with ingest's own validation and gets the message as ingest parses it.
/// </summary>
public sealed class RecordedMessage(
    ReadOnlyMemory<byte> json, long lineNumber, string routingKey, DateTimeOffset? timestamp,
    ParsedMessage? parsed = null, DateTimeOffset receivedAt = default)
{
    /// <summary>The message's exact UTF-8 JSON, as recorded.</summary>
    public ReadOnlyMemory<byte> Json { get; } = json;
    /// <summary>1-based line in the recording.</summary>
    public long LineNumber { get; } = lineNumber;
    /// <summary>
    /// The account the message names (<see cref="AccountRouter.NamedAccount"/>), else its userId, else its messageId: one
    /// connection per key keeps an account's messages in order during a replay.
    /// </summary>
    public string RoutingKey { get; } = routingKey;
    /// <summary>The recorded event time (<c>timestamp</c>), when there is one.</summary>
    public DateTimeOffset? Timestamp { get; } = timestamp;

    /// <summary>True when the line was read with ingest's validation (<see cref="RecordingReader.Read"/>).</summary>
    public bool IsValidated => parsed is not null;

    /// <summary>The message as ingest parses it (valid: ingest would accept it). Only when <see cref="IsValidated"/>.</summary>
    public ParsedMessage Parsed => parsed ?? throw NotValidated();

    /// <summary>
    /// When ingest would have received the message: its <c>receivedAt</c> (a recording made at ingest), else
    /// <c>sentAt</c>, else the event time. Only when <see cref="IsValidated"/>.
    /// </summary>
    public DateTimeOffset ReceivedAt => parsed is not null ? receivedAt : throw NotValidated();

    private static InvalidOperationException NotValidated() =>
        new("this line was read without ingest's validation; read the recording with RecordingReader.Read(limits)");
}
