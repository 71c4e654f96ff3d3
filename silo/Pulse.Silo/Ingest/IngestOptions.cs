using Pulse.Ingest.Segment;

namespace Pulse.Silo.Ingest;

/// <summary>
/// Settings of the Segment-compatible ingest API (configuration section <c>Pulse:Ingest</c>). The per-message limits
/// (<c>MaxMessageBytes</c>, <c>MaxFutureSkew</c>) are inherited from the shared parser's <see cref="SegmentLimits"/>.
/// </summary>
public sealed class IngestOptions : SegmentLimits
{
    /// <summary>Write keys accepted as the HTTP Basic username. The embedded profile defaults to <c>dev-write-key</c>.</summary>
    public List<string> WriteKeys { get; set; } = [];
    /// <summary>Segment's limit per batch request (500 KB).</summary>
    public int MaxBatchBytes { get; set; } = 500 * 1024;
    /// <summary>Accepted-but-unapplied events per silo above which ingest answers 503 with Retry-After.</summary>
    public long MaxBacklog { get; set; } = 100_000;
    public int RetryAfterSeconds { get; set; } = 1;
}
