namespace Pulse.Silo.Hosting;

/// <summary>Top-level host settings (configuration section <c>Pulse</c>; environment variables <c>PULSE__…</c>).</summary>
public sealed class PulseOptions
{
    public const string EmbeddedProfile = "embedded";
    /// <summary>Clustering, grain state, reminders and the account stream on PostgreSQL (docs/architecture.md §6.2).</summary>
    public const string PostgresProfile = "postgres";

    /// <summary>Which infrastructure the silo runs on: <c>embedded</c> or <c>postgres</c>.</summary>
    public string Profile { get; set; } = EmbeddedProfile;
    /// <summary>Where the ingest API, read API and dashboard listen. Loopback only by default.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";
    public OrleansEndpointOptions Orleans { get; set; } = new();
    /// <summary>Co-host the dashboard (wall page, SignalR hub, read API) in the silo process.</summary>
    public bool Dashboard { get; set; } = true;
}

public sealed class OrleansEndpointOptions
{
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "pulse-dev";
    public string ServiceId { get; set; } = "pulse";
    /// <summary>In-memory stream queues: several per core so ingest and delivery spread over both cores.</summary>
    public int StreamPartitions { get; set; } = 8;
}
