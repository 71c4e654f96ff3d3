namespace Pulse.Postgres;

/// <summary>Settings of the postgres profile (configuration section <c>Pulse:Postgres</c>, environment <c>PULSE__POSTGRES__…</c>).</summary>
public sealed class PostgresOptions
{
    public const string Section = "Pulse:Postgres";

    /// <summary>Stream partitions (log partitions and Orleans queues). Fixed per database: the schema records it.</summary>
    public int Partitions { get; set; } = 16;
    /// <summary>Rows one receiver reads per query.</summary>
    public int ReadBatchSize { get; set; } = 1000;
    /// <summary>
    /// How long a delivered event stays behind the partition checkpoint. Accounts write state behind (5 s), so a
    /// checkpoint that trails delivery by more than that only ever passes events already persisted by their account:
    /// after a crash the new owner re-reads this window and the accounts it touches catch up from the log.
    /// </summary>
    public TimeSpan CheckpointLag { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Extra time rows below the checkpoint are kept before retention deletes them.</summary>
    public TimeSpan RetentionGrace { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often a partition owner moves its checkpoint and applies retention.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>An idle reader re-reads this often even without a notification (NOTIFY is a wake-up, not the only one).</summary>
    public TimeSpan IdleRecheck { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Append transactions one silo runs at once; more waiting requests answer 503.</summary>
    public int MaxConcurrentAppends { get; set; } = 24;
    /// <summary>Committed events not yet delivered, cluster-wide, above which ingest answers 503 + Retry-After.</summary>
    public long MaxBacklog { get; set; } = 300_000;
}
