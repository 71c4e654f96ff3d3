namespace Pulse.Ingest.Segment.Recordings;

/// <summary>A recorded line that cannot be read: names the source, the 1-based line and the reason (which names the field).</summary>
public sealed class RecordingFormatException(string source, long line, string reason)
    : FormatException($"{source} line {line}: {reason}")
{
    public string SourceName { get; } = source;
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}
