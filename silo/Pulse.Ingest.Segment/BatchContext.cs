namespace Pulse.Ingest.Segment;

/// <summary>What a whole request says about its messages: when it arrived, the batch's sentAt and historical flag.</summary>
public readonly record struct BatchContext(DateTimeOffset ReceivedAt, DateTimeOffset? SentAt, bool Historical);
