using System.Diagnostics.Metrics;

namespace Pulse.Health.Grains.Diagnostics;

/// <summary>
/// The cluster's own counters (meter <c>Pulse</c>), exported by the silo's OpenTelemetry pipeline on <c>/metrics</c>.
/// Counters are static so the hot paths (ingest, apply) pay one interlocked add and need no extra dependency; gauges
/// that read a silo's state are registered by the host (<c>silo/Pulse.Silo/Hosting/SiloGauges.cs</c>). Several silos in one process (tests) share the counters.
/// </summary>
public static class PulseMeter
{
    public const string Name = "Pulse";

    private static readonly Meter Meter = new(Name, "1.0");

    /// <summary>Events accepted by the ingest API and written to the account stream.</summary>
    public static readonly Counter<long> EventsIngested =
        Meter.CreateCounter<long>("pulse.events.ingested", "{event}", "Events accepted by the ingest API and written to the account stream");

    /// <summary>Events applied by account grains (duplicates excluded).</summary>
    public static readonly Counter<long> EventsApplied =
        Meter.CreateCounter<long>("pulse.events.applied", "{event}", "Events applied by account grains, duplicates excluded");

    /// <summary>Alerts raised by accounts (risk and opportunity).</summary>
    public static readonly Counter<long> AlertsRaised =
        Meter.CreateCounter<long>("pulse.alerts.raised", "{alert}", "Alerts raised by accounts");

    /// <summary>Ingest requests refused with 429/503 and Retry-After because the backlog was full.</summary>
    public static readonly Counter<long> IngestOverloaded =
        Meter.CreateCounter<long>("pulse.ingest.overloaded", "{request}", "Ingest requests answered 503 + Retry-After (backlog full)");

    private static long _appliedSoFar;

    /// <summary>Counts applied events on the counter and in a total this process can read back (benchmark idleness).</summary>
    public static void CountApplied(int events)
    {
        if (events == 0) return;
        EventsApplied.Add(events);
        Interlocked.Add(ref _appliedSoFar, events);
    }

    /// <summary>Events applied in this process so far (what <see cref="EventsApplied"/> exports, readable in process).</summary>
    public static long AppliedSoFar => Interlocked.Read(ref _appliedSoFar);

    /// <summary>The meter itself, for the host's gauges.</summary>
    public static Meter Instance => Meter;
}
