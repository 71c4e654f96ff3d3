using Pulse.Simulation.Personas;

namespace Pulse.Simulation;

/// <summary>
/// What <see cref="SimulationRunner"/> sends, where, and how fast. The stream is deterministic in
/// (<see cref="Seed"/>, <see cref="Accounts"/>, <see cref="BackfillDays"/>, <see cref="StartTime"/>'s day, mix, rate, duration).
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>Base address of the ingest API; batches go to <c>{Target}/v1/batch</c>.</summary>
    public Uri Target { get; set; } = new("http://127.0.0.1:5080");
    /// <summary>Sent as the HTTP Basic user name (empty password).</summary>
    public string WriteKey { get; set; } = "dev-write-key";
    public int Accounts { get; set; } = 10_000;
    /// <summary>Target rate of the live phase, events per second over all connections; 0 = as fast as accepted.</summary>
    public double EventsPerSecond { get; set; } = 2_000;
    /// <summary>Rate limit of the backfill; null or 0 = as fast as the server accepts.</summary>
    public double? BackfillEventsPerSecond { get; set; }
    /// <summary>Length of the live phase (after the backfill); null = until cancelled; zero = backfill only.</summary>
    public TimeSpan? Duration { get; set; }
    public long Seed { get; set; } = 42;
    /// <summary>Days of history sent first with <c>historical: true</c>; 0 sends only each account's group call.</summary>
    public int BackfillDays { get; set; } = 45;
    /// <summary>Messages per request (cut earlier to stay under 500 KB).</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>Requests in flight at once. Accounts are split between connections, so each account's events stay in order.</summary>
    public int Connections { get; set; } = 4;
    /// <summary>"Now" for the history (its last day is the day before); null = the clock at start.</summary>
    public DateTimeOffset? StartTime { get; set; }
    /// <summary>Persona weights; null = <see cref="PersonaMix.Default"/>.</summary>
    public PersonaMix? PersonaMix { get; set; }
    /// <summary>Share of episodes (storms, failed payments, departures, upgrades) that happen live rather than in history.</summary>
    public double LiveOnsetShare { get; set; } = 0.3;
    /// <summary>Attempts per batch for connection errors, timeouts and 5xx (429/503 with Retry-After are retried without limit).</summary>
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>On cancellation, how long requests already in flight may take to finish before they are aborted.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public const int MaxBatchSize = 10_000;
    public const int MaxConnections = 256;

    /// <summary>Every problem with these options, as sentences; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Target is null || !Target.IsAbsoluteUri || (Target.Scheme != Uri.UriSchemeHttp && Target.Scheme != Uri.UriSchemeHttps))
            errors.Add("target must be an absolute http:// or https:// URL");
        if (string.IsNullOrEmpty(WriteKey)) errors.Add("write key must not be empty");
        if (Accounts is < 1 or > 9_999_999) errors.Add("accounts must be between 1 and 9,999,999");
        if (double.IsNaN(EventsPerSecond) || EventsPerSecond < 0) errors.Add("events per second must be 0 (unlimited) or more");
        if (BackfillEventsPerSecond is { } b && (double.IsNaN(b) || b < 0)) errors.Add("backfill events per second must be 0 (unlimited) or more");
        if (Duration is { } d && d < TimeSpan.Zero) errors.Add("duration must not be negative");
        if (BackfillDays is < 0 or > 400) errors.Add("backfill days must be between 0 and 400");
        if (BatchSize is < 1 or > MaxBatchSize) errors.Add($"batch size must be between 1 and {MaxBatchSize:N0}");
        if (Connections is < 1 or > MaxConnections) errors.Add($"connections must be between 1 and {MaxConnections}");
        if (double.IsNaN(LiveOnsetShare) || LiveOnsetShare is < 0 or > 1) errors.Add("live onset share must be between 0 and 1");
        if (MaxAttempts < 1) errors.Add("max attempts must be at least 1");
        if (RequestTimeout <= TimeSpan.Zero) errors.Add("request timeout must be positive");
        if (DrainTimeout < TimeSpan.Zero) errors.Add("drain timeout must not be negative");
        return errors;
    }
}
