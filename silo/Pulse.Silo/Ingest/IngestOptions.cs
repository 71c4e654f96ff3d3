namespace Pulse.Silo.Ingest;

/// <summary>Settings of the Segment-compatible ingest API (configuration section <c>Pulse:Ingest</c>).</summary>
public sealed class IngestOptions
{
    /// <summary>Write keys accepted as the HTTP Basic username. The embedded profile defaults to <c>dev-write-key</c>.</summary>
    public List<string> WriteKeys { get; set; } = [];
    /// <summary>Segment's limit per message (32 KB).</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;
    /// <summary>Segment's limit per batch request (500 KB).</summary>
    public int MaxBatchBytes { get; set; } = 500 * 1024;
    /// <summary>Accepted-but-unapplied events per silo above which ingest answers 503 with Retry-After.</summary>
    public long MaxBacklog { get; set; } = 100_000;
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>Timestamps further ahead than this are rejected rather than pushing an account's clock into the future.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);
}
