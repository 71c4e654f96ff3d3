namespace Pulse.Ingest.Segment;

/// <summary>
/// The limits <see cref="SegmentMessageReader"/> enforces on one message. The silo's ingest options derive from this
/// class, so configuration still binds them under <c>Pulse:Ingest</c>; the backtest uses the same defaults.
/// </summary>
public class SegmentLimits
{
    /// <summary>Segment's limit per message (32 KB).</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;
    /// <summary>Timestamps further ahead than this are rejected rather than pushing an account's clock into the future.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);
}
