namespace Pulse.Simulation.Replay;

/// <summary>What <see cref="ReplayRunner"/> sends, where and how fast.</summary>
public sealed class ReplayOptions
{
    public Uri Target { get; set; } = new("http://127.0.0.1:5080");
    public string WriteKey { get; set; } = "dev-write-key";
    /// <summary>The recording: NDJSON (optionally .gz), one Segment message per line.</summary>
    public string Path { get; set; } = "";
    /// <summary>Replays at this multiple of the recorded pace (timestamps); exclusive with <see cref="EventsPerSecond"/>.</summary>
    public double? Speed { get; set; }
    /// <summary>A fixed rate in events per second; 0 or null (with no speed) = as fast as the server accepts.</summary>
    public double? EventsPerSecond { get; set; }
    /// <summary>Sends batches with <c>historical: true</c> (state and ledger updated, no live alerts).</summary>
    public bool Historical { get; set; }
    public int Connections { get; set; } = 16;
    public int BatchSize { get; set; } = 100;
    /// <summary>Stops after this many events (null = the whole file).</summary>
    public long? Limit { get; set; }
    /// <summary>Stops reading after this long (null = until the file or the limit ends); what is read is still delivered.</summary>
    public TimeSpan? Duration { get; set; }
    /// <summary>A partly filled batch waits at most this long for more messages (matters at low rates).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Probe accounts watched for latency (0 = no latency measurement).</summary>
    public int ProbeAccounts { get; set; }
    /// <summary>Probe events per second over all probe accounts.</summary>
    public double ProbesPerSecond { get; set; } = 20;
    /// <summary>After the last event, how long to wait for outstanding probes to reach the wall.</summary>
    public TimeSpan LatencyGrace { get; set; } = TimeSpan.FromSeconds(10);

    public const int MaxConnections = 512;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Target is null || !Target.IsAbsoluteUri || (Target.Scheme != Uri.UriSchemeHttp && Target.Scheme != Uri.UriSchemeHttps))
            errors.Add("target must be an absolute http:// or https:// URL");
        if (string.IsNullOrEmpty(WriteKey)) errors.Add("write key must not be empty");
        if (string.IsNullOrWhiteSpace(Path)) errors.Add("a recording file is required");
        else if (!File.Exists(Path)) errors.Add($"recording '{Path}' does not exist");
        if (Speed is { } s && (double.IsNaN(s) || s <= 0 || double.IsInfinity(s))) errors.Add("speed must be a positive factor (e.g. 60 = an hour of recorded time per minute)");
        if (EventsPerSecond is { } r && (double.IsNaN(r) || r < 0 || double.IsInfinity(r))) errors.Add("rate must be 0 (unlimited) or a positive number of events per second");
        if (Speed is not null && EventsPerSecond is > 0) errors.Add("give either a speed factor or a fixed rate, not both");
        if (Connections is < 1 or > MaxConnections) errors.Add($"connections must be between 1 and {MaxConnections}");
        if (BatchSize is < 1 or > Simulation.SimulationOptions.MaxBatchSize) errors.Add($"batch size must be between 1 and {Simulation.SimulationOptions.MaxBatchSize:N0}");
        if (Limit is < 1) errors.Add("limit must be at least 1 event");
        if (Duration is { } d && d <= TimeSpan.Zero) errors.Add("duration must be positive");
        if (FlushInterval <= TimeSpan.Zero) errors.Add("flush interval must be positive");
        if (ProbeAccounts is < 0 or > 1000) errors.Add("probe accounts must be between 0 and 1,000");
        if (ProbeAccounts > 0 && (double.IsNaN(ProbesPerSecond) || ProbesPerSecond <= 0 || ProbesPerSecond > 10_000)) errors.Add("probes per second must be above 0 and at most 10,000");
        if (MaxAttempts < 1) errors.Add("max attempts must be at least 1");
        if (RequestTimeout <= TimeSpan.Zero) errors.Add("request timeout must be positive");
        return errors;
    }
}
