using System.Text.Json;
using Pulse.Health.Model.Events;
using Pulse.Ingest.Segment;
using Pulse.Simulation.Generation;

namespace Pulse.Model.Benchmarks;

/// <summary>
/// A realistic event mix for the model: the synthetic customers' history (sessions, page views, feature use, seats,
/// tickets, surveys, invoices and payments, contract and contact changes — every persona of the simulator), parsed by
/// the ingest's own parser and interleaved across accounts in time order, as a silo would see them. Deterministic.
/// </summary>
public sealed class EventWorkload
{
    public static readonly DateTimeOffset Anchor = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private EventWorkload(string[] accountIds, int[] accountOf, HealthEvent[] events, DateTimeOffset[] receivedAt)
    {
        AccountIds = accountIds;
        AccountOf = accountOf;
        Events = events;
        ReceivedAt = receivedAt;
    }

    public string[] AccountIds { get; }
    /// <summary>For each event, the index in <see cref="AccountIds"/> of the account it belongs to.</summary>
    public int[] AccountOf { get; }
    public HealthEvent[] Events { get; }
    public DateTimeOffset[] ReceivedAt { get; }
    public DateTimeOffset LastEventAt => Events[^1].Timestamp;

    /// <summary>The first <paramref name="eventCount"/> events (in time order) of <paramref name="accounts"/> accounts' history.</summary>
    public static EventWorkload Create(int accounts, int backfillDays, int eventCount, long seed = 42)
    {
        var generator = new CustomerGenerator(new GeneratorOptions { Seed = seed, Accounts = accounts, BackfillDays = backfillDays, Anchor = Anchor });
        var limits = new SegmentLimits();
        var parsed = new List<(int Account, HealthEvent Event)>();
        foreach (var m in generator.Backfill())
        {
            using var json = JsonDocument.Parse(m.Json);
            // Received when sent: the de-duplication window moves with the stream. Not historical: live events are the hot
            // path, and they also run the alert rules.
            var p = SegmentMessageReader.Read(json.RootElement, 0, null, new BatchContext(m.Timestamp, null, false), limits);
            if (!p.IsValid) throw new InvalidOperationException($"the generator produced a message ingest rejects: {p.Error}: {m}");
            parsed.Add((m.AccountIndex - 1, p.Event!));
        }
        if (parsed.Count < eventCount)
            throw new InvalidOperationException($"{accounts} accounts × {backfillDays} days gave {parsed.Count} events; {eventCount} are needed");
        var ordered = parsed.OrderBy(x => x.Event.Timestamp).Take(eventCount).ToArray();
        return new EventWorkload(
            Enumerable.Range(1, accounts).Select(i => generator.Account(i).Profile.AccountId).ToArray(),
            ordered.Select(x => x.Account).ToArray(),
            ordered.Select(x => x.Event).ToArray(),
            ordered.Select(x => x.Event.Timestamp).ToArray());
    }
}
