using System.ComponentModel.DataAnnotations;
using Pulse.Ingest.Segment;

namespace Pulse.Silo.Ingest;

/// <summary>
/// Settings of the Segment-compatible ingest API (configuration section <c>Pulse:Ingest</c>). The per-message limits
/// (<c>MaxMessageBytes</c>, <c>MaxFutureSkew</c>) are inherited from the shared parser's <see cref="SegmentLimits"/>.
/// </summary>
public sealed class IngestOptions : SegmentLimits
{
    public const string Section = "Pulse:Ingest";

    /// <summary>Write keys accepted as the HTTP Basic username. The embedded profile defaults to <c>dev-write-key</c>.</summary>
    public List<string> WriteKeys { get; set; } = [];
    /// <summary>Segment's limit per batch request (500 KB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 500 * 1024;
    /// <summary>Accepted-but-unapplied events per silo above which ingest answers 503 with Retry-After.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBacklog { get; set; } = 100_000;
    /// <summary>The Retry-After of a 503: how long a client waits before sending the same request again.</summary>
    [Range(0, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
