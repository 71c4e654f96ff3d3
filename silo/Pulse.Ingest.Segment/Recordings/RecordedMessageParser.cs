using System.Globalization;
using System.Text.Json;

namespace Pulse.Simulation.Replay;

/// <summary>
/// Reads just enough of a recorded Segment message to replay it: its timestamp and its account. A forward-only
/// <see cref="Utf8JsonReader"/> pass, no DOM, so replay keeps up with a million-account stream.
/// </summary>
public static class RecordedMessageParser
{
    public static RecordedMessage Parse(ReadOnlyMemory<byte> json, long lineNumber, string source)
    {
        string? timestamp = null, groupId = null, contextGroupId = null, propertiesAccountId = null, userId = null, messageId = null;
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Bad(source, lineNumber, "not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
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
            throw Bad(source, lineNumber, "not valid JSON (" + ex.Message + ")");
        }

        DateTimeOffset? at = null;
        if (timestamp is not null)
        {
            if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                throw Bad(source, lineNumber, $"\"timestamp\" '{timestamp}' is not an ISO-8601 time");
            at = parsed;
        }
        var key = contextGroupId ?? groupId ?? propertiesAccountId ?? userId ?? messageId ?? "";
        return new RecordedMessage(json, key, at, lineNumber);
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

    private static FormatException Bad(string source, long line, string what) => new($"{source} line {line}: {what}");
}
