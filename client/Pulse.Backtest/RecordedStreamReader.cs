using System.Text.Json;
using Pulse.Ingest.Segment;

namespace Pulse.Backtest;

/// <summary>
/// Reads a recorded NDJSON stream (one Segment message per line, as it was POSTed) through the ingest's own parser,
/// <see cref="SegmentMessageReader"/>, so a replay validates and maps fields exactly as live ingest does.
/// </summary>
public static class RecordedStreamReader
{
    /// <summary>
    /// Parses every non-blank line. A line ingest would reject throws <see cref="BacktestInputException"/> naming it,
    /// unless <paramref name="onInvalid"/> is given: then it is told and the line is skipped.
    /// </summary>
    public static IEnumerable<RecordedMessage> Read(TextReader reader, string inputName, SegmentLimits limits,
        Action<BacktestInputException>? onInvalid = null)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var message = Parse(line, lineNumber, inputName, limits, out var error);
            if (error is not null)
            {
                if (onInvalid is null) throw error;
                onInvalid(error);
                continue;
            }
            yield return message!;
        }
    }

    private static RecordedMessage? Parse(string line, int lineNumber, string inputName, SegmentLimits limits, out BacktestInputException? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            error = new BacktestInputException(inputName, lineNumber, $"not valid JSON ({ex.Message})");
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new BacktestInputException(inputName, lineNumber, "expected one JSON object (a Segment message) per line");
                return null;
            }
            if (!TryReceivedAt(root, out var receivedAt, out var reason))
            {
                error = new BacktestInputException(inputName, lineNumber, reason!);
                return null;
            }
            // The batch context a replay can know: when the message was received; sentAt/historical travel in the message.
            var parsed = SegmentMessageReader.Read(root, lineNumber, null, new BatchContext(receivedAt, null, false), limits);
            if (!parsed.IsValid)
            {
                var id = parsed.MessageId is null ? "" : $" (messageId {parsed.MessageId})";
                error = new BacktestInputException(inputName, lineNumber, parsed.Error + id);
                return null;
            }
            return new RecordedMessage(lineNumber, parsed, receivedAt);
        }
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
}
