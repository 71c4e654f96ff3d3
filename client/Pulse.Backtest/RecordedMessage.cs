using Pulse.Ingest.Segment;

namespace Pulse.Backtest;

/// <summary>One line of a recorded stream after parsing: the message as ingest reads it, and when it was received.</summary>
public sealed record RecordedMessage(int Line, ParsedMessage Parsed, DateTimeOffset ReceivedAt);
