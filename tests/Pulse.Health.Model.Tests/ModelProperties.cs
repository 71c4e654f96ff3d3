using FsCheck;
using FsCheck.Xunit;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Scoring;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>
/// Properties of the model over generated event streams (FsCheck chooses the seeds and lengths and shrinks failures):
/// the score's range, renormalised weights, idempotent duplicates, and order independence of same-day evidence.
/// </summary>
public class ModelProperties
{
    private static readonly string[] Names =
    [
        "Session Started", "Page Viewed", "Feature Used", "Ticket Opened", "Ticket Escalated", "Ticket Solved", "Outage Reported",
        "NPS Submitted", "CSAT Submitted", "CES Submitted", "Survey Sent", "Invoice Issued", "Payment Received", "Payment Failed",
        "Seats Updated", "Email Opened", "Email Clicked", "Email Bounced", "Email Unsubscribed", "Contact Role Changed",
        "Contract Changed", "Advocacy Recorded", "Webinar Attended", "Milestone Reached", "Go Live Completed", "Something Else",
    ];

    /// <summary>A random but valid event of any kind the model reads, at <paramref name="at"/>.</summary>
    private static HealthEvent RandomEvent(Random r, DateTimeOffset at, int n)
    {
        var e = Ev(Names[r.Next(Names.Length)], at, $"p-{n}");
        return e.Kind switch
        {
            EventKind.FeatureUsed => e with { Feature = "f" + r.Next(6), IsKeyFeature = r.Next(2) == 0 },
            EventKind.TicketOpened or EventKind.TicketEscalated or EventKind.TicketSolved => e with { TicketId = "t" + r.Next(5), Priority = r.Next(1, 5) },
            EventKind.NpsSubmitted => e with { Score = r.Next(0, 11) },
            EventKind.CsatSubmitted => e with { Score = r.Next(1, 6) },
            EventKind.CesSubmitted => e with { Score = r.Next(1, 8) },
            EventKind.InvoiceIssued => e with { InvoiceId = "i" + r.Next(4), Amount = r.Next(100, 5000), DueDate = at.AddDays(r.Next(-40, 30)) },
            EventKind.PaymentReceived or EventKind.PaymentFailed => e with { InvoiceId = "i" + r.Next(4) },
            EventKind.SeatsUpdated => e with { SeatsPurchased = r.Next(1, 100), SeatsActive = r.Next(0, 100) },
            EventKind.ContactRoleChanged => e with { Role = r.Next(2) == 0 ? "champion" : "sponsor", Change = new[] { "assigned", "departed", "unreachable" }[r.Next(3)], UserId = "u" + r.Next(3) },
            EventKind.ContractChanged => e with { Change = r.Next(2) == 0 ? "upgrade" : "downgrade", Arr = r.Next(1000, 100_000) },
            EventKind.MilestoneReached => e with { Milestone = "first_value" },
            _ => e,
        };
    }

    private static List<HealthEvent> Stream(int seed, int length)
    {
        var r = new Random(seed);
        var events = new List<HealthEvent> { Group(Day(0), new AccountTraits { Tier = (TouchTier)r.Next(4), Arr = r.Next(0, 800_000) }, "p-g") };
        var at = Day(0);
        for (var i = 0; i < length; i++)
        {
            at = at.AddHours(r.Next(0, 72)); // sometimes the same day, sometimes days apart
            events.Add(RandomEvent(r, at, i));
        }
        return events;
    }

    [Property(MaxTest = 150)]
    public bool The_score_and_every_component_stay_within_0_and_100(int seed, byte length)
    {
        var s = new AccountHealth("prop");
        var events = Stream(seed, length % 120);
        foreach (var e in events)
        {
            var change = HealthEngine.Apply(s, e, ThePolicy, e.Timestamp);
            if (change.ScoreAfter is < 0 or > 100 || double.IsNaN(change.ScoreAfter)) return false;
            if (s.Components.Any(c => !double.IsNaN(c) && c is < 0 or > 100)) return false;
        }
        HealthEngine.Evaluate(s, Day(400), ThePolicy); // a long silence: decay and windows
        return s.Score is >= 0 and <= 100 && s.Components.All(c => double.IsNaN(c) || c is >= 0 and <= 100);
    }

    [Property(MaxTest = 150)]
    public bool The_score_is_the_weighted_mean_renormalised_over_components_with_data(int seed, byte length)
    {
        var s = new AccountHealth("prop");
        foreach (var e in Stream(seed, length % 80)) HealthEngine.Apply(s, e, ThePolicy, e.Timestamp);
        if (!s.HasBeenSeen) return true;
        var weights = ThePolicy.ProfileFor(s.Tier).Weights;
        double sum = 0, weight = 0;
        for (var i = 0; i < ComponentNames.Count; i++)
        {
            if (double.IsNaN(s.Components[i]) || weights[i] <= 0) continue;
            sum += weights[i] * s.Components[i];
            weight += weights[i];
        }
        var mean = weight == 0 ? ScoreCalculator.NoEvidenceScore : sum / weight;
        // The trend adds its points to the mean; a binding cap (a severe condition) then squeezes the result below the
        // ceiling, keeping order; otherwise the score is the adjusted mean itself.
        var adjusted = Math.Clamp(mean + s.TrendPoints, 0, 100);
        if (Math.Abs(s.TrendPoints) > ThePolicy.TrendMaxPoints + 1e-9) return false;
        var expected = s.CapId is { } cap ? ScoreCaps.Squeeze(adjusted, ScoreCaps.FloorBelow(ThePolicy.Caps[cap], ThePolicy), ThePolicy.Caps[cap]) : adjusted;
        return Math.Abs(expected - s.Score) < 1e-9 && (s.CapId is null || (adjusted > expected && s.Score < ThePolicy.Caps[s.CapId]));
    }

    [Property(MaxTest = 100)]
    public bool Applying_an_event_twice_equals_applying_it_once(int seed, byte length)
    {
        var events = Stream(seed, length % 80);
        var r = new Random(seed ^ 0x5eed);
        var once = new AccountHealth("prop");
        var twice = new AccountHealth("prop");
        foreach (var e in events)
        {
            HealthEngine.Apply(once, e, ThePolicy, e.Timestamp);
            HealthEngine.Apply(twice, e, ThePolicy, e.Timestamp);
            if (r.Next(3) == 0) // a redelivery, at once or a little later
            {
                var again = HealthEngine.Apply(twice, e, ThePolicy, e.Timestamp);
                if (!again.WasDuplicate) return false;
            }
        }
        return AccountHealthCodec.Encode(once).AsSpan().SequenceEqual(AccountHealthCodec.Encode(twice));
    }

    /// <summary>
    /// The documented rule: evidence that only accumulates (activity, new tickets, outages, e-mail, invoices issued)
    /// gives the same components and score in any order within a day. Events that replace a value (seats, survey
    /// answers, contact roles, solving a ticket) or move the lifecycle are order-sensitive by nature and excluded.
    /// </summary>
    [Property(MaxTest = 100)]
    public bool Order_of_accumulating_events_within_a_day_does_not_change_the_score(int seed, byte count)
    {
        var r = new Random(seed);
        string[] accumulating = ["Session Started", "Page Viewed", "Feature Used", "Ticket Opened", "Outage Reported", "Email Opened", "Email Clicked", "Invoice Issued"];
        var history = Stream(seed, 30); // some prior state, in fixed order
        var day = history[^1].Timestamp.AddDays(1).Date;
        var batch = Enumerable.Range(0, 2 + count % 25).Select(i =>
        {
            var e = Ev(accumulating[r.Next(accumulating.Length)], new DateTimeOffset(day, TimeSpan.Zero).AddMinutes(r.Next(0, 1440)), $"b-{i}");
            return e.Kind switch
            {
                EventKind.FeatureUsed => e with { Feature = "f" + r.Next(6), IsKeyFeature = r.Next(2) == 0 },
                EventKind.TicketOpened => e with { TicketId = "bt" + i, Priority = r.Next(1, 5) },
                EventKind.InvoiceIssued => e with { InvoiceId = "bi" + i, DueDate = e.Timestamp.AddDays(r.Next(-10, 30)) },
                _ => e,
            };
        }).ToList();
        var shuffled = batch.OrderBy(_ => r.Next()).ToList();
        var end = batch.Max(e => e.Timestamp).AddMinutes(1);

        AccountHealth Run(List<HealthEvent> order)
        {
            var s = new AccountHealth("prop");
            foreach (var e in history) HealthEngine.Apply(s, e, ThePolicy, e.Timestamp);
            foreach (var e in order) HealthEngine.Apply(s, e, ThePolicy, e.Timestamp);
            HealthEngine.Evaluate(s, end, ThePolicy);
            return s;
        }
        var a = Run(batch);
        var b = Run(shuffled);
        return Math.Abs(a.Score - b.Score) < 1e-9 && a.Components.Zip(b.Components).All(p => p.First.Equals(p.Second));
    }
}
