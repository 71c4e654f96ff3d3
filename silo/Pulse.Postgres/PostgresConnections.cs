using Npgsql;

namespace Pulse.Postgres;

/// <summary>
/// One connection string per use, so each gets its own Npgsql pool: thousands of accounts writing state behind must
/// never starve membership heartbeats (a silo that cannot write IAmAlive is declared dead) or ingest commits.
/// </summary>
public static class PostgresConnections
{
    /// <summary>Membership and heartbeats: few connections, never shared with bulk work.</summary>
    public static string ForMembership(string cs) => With(cs, "pulse-membership", maxPool: 10);

    public static string ForReminders(string cs) => With(cs, "pulse-reminders", maxPool: 10);

    /// <summary>
    /// Account state written behind. Committed without waiting for the WAL flush (synchronous_commit=off): the state is
    /// a cache of the log, so a state write lost in a PostgreSQL crash only makes the account catch up from further
    /// back in the log (rows stay until well after their checkpoint). Ingest commits stay fully synchronous.
    /// </summary>
    public static string ForState(string cs) => With(cs, "pulse-state", maxPool: 32, options: "-c synchronous_commit=off", waitSeconds: 120);

    /// <summary>
    /// Accounts' catch-up reads on activation: after a failover thousands of accounts activate at once. Their own pool
    /// keeps them from starving ingest commits, and they queue for it (long wait) rather than fail and retry.
    /// </summary>
    public static string ForCatchUp(string cs) => With(cs, "pulse-catchup", maxPool: 16, waitSeconds: 120);

    /// <summary>The event log: ingest appends (each commit durable before the 200), stream reads, catch-up.</summary>
    public static string ForLog(string cs) => With(cs, "pulse-log", maxPool: 48);

    private static string With(string cs, string application, int maxPool, string? options = null, int waitSeconds = 30)
    {
        var b = new NpgsqlConnectionStringBuilder(cs) { ApplicationName = application, Timeout = waitSeconds };
        // An operator's explicit pool size wins.
        if (!cs.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !cs.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
            b.MaxPoolSize = maxPool;
        if (options is not null) b.Options = string.IsNullOrEmpty(b.Options) ? options : $"{b.Options} {options}";
        return b.ConnectionString;
    }
}
