using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.State;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>The persisted binary form: lossless round trip, stable bytes, format check.</summary>
public class AccountHealthCodecTests
{
    private static void AssertSameEntry(ExplanationEntry expected, ExplanationEntry actual)
    {
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.EventId, actual.EventId);
        Assert.Equal(expected.EventName, actual.EventName);
        Assert.Equal(expected.PolicyVersion, actual.PolicyVersion);
        Assert.Equal(expected.ScoreBefore, actual.ScoreBefore);
        Assert.Equal(expected.ScoreAfter, actual.ScoreAfter);
        Assert.Equal(expected.Contributions, actual.Contributions);
    }

    [Fact]
    public void The_rich_scenario_exercises_every_part_of_the_state()
    {
        var s = RichLife.Build();
        Assert.Equal("Acme Ltd", s.Name);
        Assert.Equal(TouchTier.LowTouch, s.Tier);
        Assert.True(s.Activity.HasActivity);
        Assert.Equal(3, s.Activity.KeyFeatures.Count);
        Assert.NotEmpty(s.Support.Open);
        Assert.NotEmpty(s.Support.EscalationDays);
        Assert.NotEmpty(s.Support.OutageDays);
        Assert.NotNull(s.Voice.LastNps);
        Assert.NotNull(s.Voice.LastCsat);
        Assert.NotNull(s.Voice.PendingSurveySentAt);
        Assert.NotEmpty(s.Payment.Open);
        Assert.NotEmpty(s.Payment.FailedDays);
        Assert.True(s.Payment.PaidOnTime > 0);
        Assert.NotNull(s.GoLiveAt);
        Assert.NotNull(s.FirstValueAt);
        Assert.NotNull(s.LastAdvocacyAt);
        Assert.True(s.Seen.Count > 0);
        Assert.Equal(ExplanationLedger.Capacity, s.Ledger.Count);
        Assert.NotEmpty(s.AlertCooldowns);
        Assert.NotEmpty(s.RecentAlerts);
        Assert.NotEqual(RiskReason.None, s.RiskReasons);
        Assert.NotEqual(LifecycleFlags.None, s.Flags);
        Assert.NotEqual(LifecycleStage.Onboarding, s.Stage);
        Assert.All(s.Components, c => Assert.False(double.IsNaN(c))); // all seven components have evidence
        Assert.Equal(2, s.Relationship.Contacts.Count);
        Assert.NotEmpty(s.Engagement.Unsubscribes);
        Assert.NotEmpty(s.Growth.AdvocacyAt);
        Assert.NotNull(s.Growth.InitialArr);
        Assert.NotNull(s.Voice.LastCes);
        Assert.NotEmpty(s.Engagement.Participation);
        Assert.NotNull(s.Relationship.SponsorLastActiveDay);
        Assert.NotNull(s.Override);
        Assert.NotEqual(s.ComputedScore, s.Score);
        Assert.True(s.History.ScoreOn(DayNumber.Of(Day(40))) is not null);
        Assert.NotEqual(int.MinValue, s.Activity.KeyHeadWeek);
        Assert.True(s.EarlyPageViews > 0);
    }

    [Fact]
    public void A_rich_state_round_trips_to_byte_identical_bytes_and_equal_contents()
    {
        var s = RichLife.Build();
        var bytes = AccountHealthCodec.Encode(s);
        var d = AccountHealthCodec.Decode(bytes);
        Assert.Equal(bytes, AccountHealthCodec.Encode(d));

        // Traits
        Assert.Equal(s.AccountId, d.AccountId);
        Assert.Equal((s.Name, s.Plan, s.Tier, s.Arr, s.RenewalDate, s.Segment, s.Industry, s.SeatsPurchased, s.SeatsActive),
            (d.Name, d.Plan, d.Tier, d.Arr, d.RenewalDate, d.Segment, d.Industry, d.SeatsPurchased, d.SeatsActive));

        // Score, band, stage, components
        Assert.Equal(s.Score, d.Score);
        Assert.Equal(s.Band, d.Band);
        Assert.Equal(s.BandSince, d.BandSince);
        Assert.Equal(s.Components, d.Components);
        Assert.Equal(s.PolicyVersion, d.PolicyVersion);
        Assert.Equal((s.Started, s.Stage, s.StageSince, s.StageBeforeDormant, s.StageCause, s.Flags, s.RiskReasons),
            (d.Started, d.Stage, d.StageSince, d.StageBeforeDormant, d.StageCause, d.Flags, d.RiskReasons));
        Assert.Equal((s.StartedAt, s.GoLiveAt, s.FirstValueAt, s.TimeToValue, s.HealthySince, s.AdvocateLevelSince, s.LastAdvocacyAt),
            (d.StartedAt, d.GoLiveAt, d.FirstValueAt, d.TimeToValue, d.HealthySince, d.AdvocateLevelSince, d.LastAdvocacyAt));

        // Ledger, newest first
        var expectedLedger = s.Ledger.Recent();
        var actualLedger = d.Ledger.Recent();
        Assert.Equal(expectedLedger.Count, actualLedger.Count);
        for (var i = 0; i < expectedLedger.Count; i++) AssertSameEntry(expectedLedger[i], actualLedger[i]);

        // Evidence
        Assert.Equal((s.Activity.HeadDay, s.Activity.FirstDay), (d.Activity.HeadDay, d.Activity.FirstDay));
        var head = s.Activity.HeadDay;
        for (var day = head - ActivityLog.Days; day <= head; day++)
            Assert.Equal(s.Activity.ActiveDays(day, day), d.Activity.ActiveDays(day, day));
        Assert.Equal(s.Activity.KeyFeatures, d.Activity.KeyFeatures);
        Assert.Equal(s.Support.HasData, d.Support.HasData);
        Assert.Equal(s.Support.Open, d.Support.Open);
        Assert.Equal(s.Support.OpenedDays, d.Support.OpenedDays);
        Assert.Equal(s.Support.EscalationDays, d.Support.EscalationDays);
        Assert.Equal(s.Support.OutageDays, d.Support.OutageDays);
        Assert.Equal((s.Voice.LastNps, s.Voice.LastNpsAt, s.Voice.LastCsat, s.Voice.LastCsatAt, s.Voice.PendingSurveySentAt),
            (d.Voice.LastNps, d.Voice.LastNpsAt, d.Voice.LastCsat, d.Voice.LastCsatAt, d.Voice.PendingSurveySentAt));
        Assert.Equal((s.Payment.HasData, s.Payment.PaidOnTime, s.Payment.PaidLate), (d.Payment.HasData, d.Payment.PaidOnTime, d.Payment.PaidLate));
        Assert.Equal(s.Payment.Open, d.Payment.Open);
        Assert.Equal(s.Payment.FailedDays, d.Payment.FailedDays);
        Assert.Equal(s.Seen.Count, d.Seen.Count);

        // Alerts and bookkeeping
        Assert.Equal(s.AlertCooldowns, d.AlertCooldowns);
        Assert.Equal(s.RecentAlerts, d.RecentAlerts);
        Assert.Equal((s.EventsApplied, s.Clock, s.UpdatedAt), (d.EventsApplied, d.Clock, d.UpdatedAt));
    }

    /// <summary>Every field of the state, dictionaries in key order: equal dumps = equal logical state.</summary>
    private static string Dump(AccountHealth s)
    {
        static string R(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        static string T(DateTimeOffset? t) => t?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        static string Sorted<TV>(IEnumerable<KeyValuePair<string, TV>> d, Func<TV, string> f) =>
            string.Join(",", d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + f(kv.Value)));
        var head = s.Activity.HeadDay;
        var days = s.Activity.HasActivity
            ? string.Join("", Enumerable.Range(head - ActivityLog.Days + 1, ActivityLog.Days).Select(d => s.Activity.ActiveDays(d, d)))
            : "";
        return string.Join("\n",
            s.AccountId, s.Name, s.Plan, s.Tier, R(s.Arr), T(s.RenewalDate), s.Segment, s.Industry, s.SeatsPurchased, s.SeatsActive,
            head, s.Activity.FirstDay, days, Sorted(s.Activity.KeyFeatures, v => v.ToString()),
            s.Support.HasData, Sorted(s.Support.Open, v => v.ToString()), string.Join(",", s.Support.OpenedDays),
            string.Join(",", s.Support.EscalationDays), string.Join(",", s.Support.OutageDays),
            s.Voice.LastNps, T(s.Voice.LastNpsAt), s.Voice.LastCsat, T(s.Voice.LastCsatAt), T(s.Voice.PendingSurveySentAt),
            s.Payment.HasData, R(s.Payment.PaidOnTime), R(s.Payment.PaidLate), Sorted(s.Payment.Open, v => R(v.Amount) + "@" + T(v.DueDate)),
            string.Join(",", s.Payment.FailedDays), s.Seen.Count,
            s.Started, s.Stage, T(s.StageSince), s.StageBeforeDormant, s.StageCause, s.Flags, s.RiskReasons, T(s.StartedAt),
            T(s.GoLiveAt), T(s.FirstValueAt), T(s.HealthySince), T(s.AdvocateLevelSince), T(s.LastAdvocacyAt),
            R(s.Score), s.Band, T(s.BandSince), string.Join(",", s.Components.Select(R)), s.PolicyVersion,
            string.Join(";", s.Ledger.Recent().Select(e => $"{T(e.At)} {e.EventId} {e.EventName} {e.PolicyVersion} {R(e.ScoreBefore)} {R(e.ScoreAfter)} "
                + string.Join(",", e.Contributions.Select(c => $"{c.Component}:{R(c.ComponentDelta)}:{R(c.ScoreDelta)}:{c.Rule}")))),
            Sorted(s.AlertCooldowns, v => T(v)), string.Join(";", s.RecentAlerts),
            s.EventsApplied, T(s.Clock), T(s.UpdatedAt));
    }

    [Fact]
    public void A_decoded_state_remembers_message_ids_and_carries_on_exactly_like_the_original()
    {
        var steps = RichLife.Steps();
        var original = new AccountHealth("acct-rich");
        RichLife.Apply(original, steps);
        var restored = AccountHealthCodec.Decode(AccountHealthCodec.Encode(original));
        Assert.Equal(Dump(original), Dump(restored));

        // The last event is within the de-duplication window: a redelivery is recognised after a restart.
        var (last, lastAt) = steps.Last(x => x.Event is not null);
        Assert.True(HealthEngine.Apply(restored, last!, ThePolicy, lastAt).WasDuplicate);
        Assert.True(HealthEngine.Apply(original, last!, ThePolicy, lastAt).WasDuplicate);

        HealthEvent[] next =
        [
            Ticket(Day(79), "t9", priority: 1),
            Nps(Day(80), 10),
            Paid(Day(81), "i2"),
            Ev("Ticket Solved", Day(81.5)) with { TicketId = "t3" },
            Session(Day(82)),
        ];
        foreach (var e in next)
        {
            var a = HealthEngine.Apply(original, e, ThePolicy, e.Timestamp);
            var b = HealthEngine.Apply(restored, e, ThePolicy, e.Timestamp);
            Assert.Equal(a.ScoreAfter, b.ScoreAfter);
            Assert.Equal(a.Alerts, b.Alerts);
            Assert.Equal(a.StageAfter, b.StageAfter);
            Assert.Equal(Dump(original), Dump(restored));
        }
        HealthEngine.Evaluate(original, Day(120), ThePolicy);
        HealthEngine.Evaluate(restored, Day(120), ThePolicy);
        Assert.Equal(Dump(original), Dump(restored));
        // Both remember the same ids, whatever order their day buckets happen to be kept in.
        foreach (var e in next) Assert.Equal(original.Seen.Contains(MessageDeduplicator.Hash(e.MessageId)), restored.Seen.Contains(MessageDeduplicator.Hash(e.MessageId)));
    }

    [Fact]
    public void A_new_account_and_a_single_event_account_round_trip()
    {
        var fresh = new AccountHealth("fresh");
        var bytes = AccountHealthCodec.Encode(fresh);
        var decoded = AccountHealthCodec.Decode(bytes);
        Assert.Equal(bytes, AccountHealthCodec.Encode(decoded));
        Assert.False(decoded.HasBeenSeen);
        Assert.Null(decoded.Band);
        Assert.Null(decoded.Name);
        Assert.Null(decoded.SeatsPurchased);
        Assert.False(decoded.Activity.HasActivity);
        Assert.All(decoded.Components, c => Assert.True(double.IsNaN(c)));

        var one = new Account("one");
        one.Apply(Nps(Day(0), 9));
        var again = AccountHealthCodec.Decode(AccountHealthCodec.Encode(one.State));
        Assert.Equal(one.State.Score, again.Score);
        Assert.Equal(one.State.Band, again.Band);
        Assert.Equal(AccountHealthCodec.Encode(one.State), AccountHealthCodec.Encode(again));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // the format before relationship, engagement and growth evidence
    [InlineData(2)] // the format before trends, overrides and the other full-model evidence
    [InlineData(99)]
    [InlineData(-1)]
    public void A_wrong_format_number_throws_InvalidDataException(int format)
    {
        Assert.Equal(4, AccountHealthCodec.Format);
        var bytes = AccountHealthCodec.Encode(RichLife.Build());
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), format);
        var ex = Assert.Throws<InvalidDataException>(() => AccountHealthCodec.Decode(bytes));
        Assert.Contains(format.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void State_stored_uncompressed_in_format_3_still_decodes_to_the_same_account()
    {
        var rich = RichLife.Build();
        var legacy = AccountHealthCodec.Encode(rich, compressed: false);
        Assert.Equal(AccountHealthCodec.UncompressedFormat, BitConverter.ToInt32(legacy, 0));
        Assert.Equal(AccountHealthCodec.Encode(rich), AccountHealthCodec.Encode(AccountHealthCodec.Decode(legacy)));
    }

    [Fact]
    public void Compression_shrinks_a_new_account_several_times_and_a_rich_one_by_half()
    {
        // A rich account's de-duplication ids are random 8-byte hashes, which no compressor shrinks.
        foreach (var (account, factor) in new[] { (new AccountHealth("acct-000001"), 3), (RichLife.Build(), 2) })
        {
            var raw = AccountHealthCodec.Encode(account, compressed: false).Length;
            var stored = AccountHealthCodec.Encode(account).Length;
            Assert.True(stored * factor < raw, $"{account.AccountId}: {stored} B compressed vs {raw} B raw");
        }
    }

    [Fact]
    public void A_truncated_or_corrupt_compressed_state_throws_InvalidDataException()
    {
        var bytes = AccountHealthCodec.Encode(RichLife.Build());
        Assert.Throws<InvalidDataException>(() => AccountHealthCodec.Decode(bytes.AsSpan(0, bytes.Length / 2).ToArray()));
        Assert.Throws<InvalidDataException>(() => AccountHealthCodec.Decode(bytes.AsSpan(0, 3).ToArray()));
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), -5);
        Assert.Throws<InvalidDataException>(() => AccountHealthCodec.Decode(bytes));
    }

    [Fact]
    public void Encoding_starts_with_the_format_number()
    {
        var bytes = AccountHealthCodec.Encode(new AccountHealth("x"));
        Assert.Equal(AccountHealthCodec.Format, BitConverter.ToInt32(bytes, 0));
    }
}
