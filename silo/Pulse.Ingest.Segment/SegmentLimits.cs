using System.ComponentModel.DataAnnotations;

namespace Pulse.Ingest.Segment;

/// <summary>
/// The limits <see cref="SegmentMessageReader"/> enforces on one message. The silo's ingest options derive from this
/// class, so configuration still binds them under <c>Pulse:Ingest</c>; the backtest uses the same defaults.
/// </summary>
public class SegmentLimits
{
    /// <summary>Segment's limit per message (32 KB).</summary>
    [Range(1, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 32 * 1024;
    /// <summary>Timestamps further ahead than this are rejected rather than pushing an account's clock into the future.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);
}
