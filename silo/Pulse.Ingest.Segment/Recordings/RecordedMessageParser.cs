using System.Globalization;
using System.Text.Json;

namespace Pulse.Ingest.Segment.Recordings;

/// <summary>
/// Parses one recorded line at one of two depths. <see cref="Parse(ReadOnlyMemory{byte}, long, string)"/> reads just
/// enough to replay it — its timestamp and its account — in a forward-only <see cref="Utf8JsonReader"/> pass with no
/// DOM, so replay keeps up with a million-account stream. <see cref="Parse(ReadOnlyMemory{byte}, long, string, SegmentLimits)"/>
/// also runs it through <see cref="SegmentMessageReader"/>, so the backtest validates and maps fields exactly as live
/// ingest does. A bad line throws <see cref="RecordingFormatException"/> naming the source, the line and the reason.
/// </summary>
public static class RecordedMessageParser
{
    /// <summary>The fast pass: routing key and timestamp, the message otherwise unchecked (the server checks it).</summary>
    public static RecordedMessage Parse(ReadOnlyMemory<byte> json, long lineNumber, string source)
    {
        var fields = Scan(json.Span, lineNumber, source);
        DateTimeOffset? at = null;
        if (fields.Timestamp is { } timestamp)
        {
            if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                throw new RecordingFormatException(source, lineNumber, $"\"timestamp\" '{timestamp}' is not an ISO-8601 time");
            at = parsed;
        }
        return new RecordedMessage(json, lineNumber, fields.RoutingKey, at);
    }

    /// <summary>With ingest's validation: a line ingest would reject is refused with ingest's reason.</summary>
    public static RecordedMessage Parse(ReadOnlyMemory<byte> json, long lineNumber, string source, SegmentLimits limits)
    {
        var fields = Scan(json.Span, lineNumber, source);
        using var document = JsonDocument.Parse(json); // the scan has seen it is one valid JSON object
        var root = document.RootElement;
        if (!TryReceivedAt(root, out var receivedAt, out var reason)) throw new RecordingFormatException(source, lineNumber, reason!);
        // The batch context a replay can know: when the message was received; sentAt/historical travel in the message.
        var parsed = SegmentMessageReader.Read(root, checked((int)lineNumber), null, new BatchContext(receivedAt, null, false), limits);
        if (!parsed.IsValid)
        {
            var id = parsed.MessageId is null ? "" : $" (messageId {parsed.MessageId})";
            throw new RecordingFormatException(source, lineNumber, parsed.Error + id);
        }
        SegmentMessageReader.TryDate(root, "timestamp", out var timestamp); // valid: ingest has read it
        return new RecordedMessage(json, lineNumber, fields.RoutingKey, timestamp, parsed, receivedAt);
    }

    private readonly record struct Fields(string RoutingKey, string? Timestamp);

    private static Fields Scan(ReadOnlySpan<byte> json, long lineNumber, string source)
    {
        string? type = null, timestamp = null, groupId = null, contextGroupId = null, propertiesAccountId = null, userId = null, messageId = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new RecordingFormatException(source, lineNumber, "not a JSON object: expected one JSON object (a Segment message) per line");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "type": type = Text(ref reader); break;
                    case "timestamp": timestamp = Text(ref reader); break;
                    case "groupId": groupId = Text(ref reader); break;
                    case "userId": userId = Text(ref reader); break;
                    case "messageId": messageId = Text(ref reader); break;
                    case "context": contextGroupId = Nested(ref reader, "groupId"); break;
                    case "properties": propertiesAccountId = Nested(ref reader, "accountId"); break;
                    default: reader.Skip(); break;
                }
            }
            // Utf8JsonReader refuses a second value after the object, so "{...} {...}" on one line is reported as invalid JSON.
            while (reader.Read()) { }
        }
        catch (JsonException ex)
        {
            throw new RecordingFormatException(source, lineNumber, "not valid JSON (" + ex.Message + ")");
        }
        var key = AccountRouter.NamedAccount(type, contextGroupId, groupId, propertiesAccountId) ?? userId ?? messageId ?? "";
        return new Fields(key, timestamp);
    }

    /// <summary>
    /// When ingest would have received the message. A recording made at ingest carries <c>receivedAt</c>; otherwise
    /// <c>sentAt</c> (no network delay assumed, so skew correction leaves the timestamp as sent), else the event time
    /// itself. A message with none of them has no place in time, so it is an error rather than "now".
    /// </summary>
    private static bool TryReceivedAt(JsonElement message, out DateTimeOffset receivedAt, out string? error)
    {
        receivedAt = default;
        error = null;
        foreach (var field in (ReadOnlySpan<string>)["receivedAt", "sentAt", "timestamp", "originalTimestamp"])
        {
            if (!SegmentMessageReader.TryDate(message, field, out var value))
            {
                error = $"{field} is not an ISO-8601 date";
                return false;
            }
            if (value is { } found)
            {
                receivedAt = found;
                return true;
            }
        }
        error = "timestamp is missing: a recorded message needs its event time";
        return false;
    }

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => SkipNull(ref reader),
    };

    private static string? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>The string property <paramref name="wanted"/> of the object the reader is on (skipping everything else).</summary>
    private static string? Nested(ref Utf8JsonReader reader, string wanted)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == wanted && reader.TokenType == JsonTokenType.String) found = reader.GetString();
            else reader.Skip();
        }
        return found;
    }
}
