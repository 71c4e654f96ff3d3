using Pulse.Ingest.Segment;
using Pulse.Ingest.Segment.Recordings;

namespace Pulse.Backtest;

/// <summary>
/// The backtest's door to the one recording reader (<see cref="RecordingReader"/>, which replay reads with too): every
/// line goes through ingest's own parser, so a replay validates and maps fields exactly as live ingest does, and a bad
/// line becomes a <see cref="BacktestInputException"/> naming the input, the line and the reason.
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
        var recording = new RecordingReader(reader, inputName);
        using var lines = recording.Read(limits, onInvalid is null ? null : error => onInvalid(InputError(error))).GetEnumerator();
        while (true)
        {
            try
            {
                if (!lines.MoveNext()) break;
            }
            catch (RecordingFormatException error)
            {
                throw InputError(error);
            }
            yield return lines.Current;
        }
    }

    private static BacktestInputException InputError(RecordingFormatException error) =>
        new(error.SourceName, checked((int)error.Line), error.Reason);
}
