using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Model.State;

/// <summary>
/// A compact, versioned binary form of <see cref="AccountHealth"/> for grain storage. Hand-written so the model needs
/// no serializer attributes and a persisted account costs bytes, not kilobytes. Keys are written sorted, so equal
/// contents encode to equal bytes. Bump <see cref="Format"/> on change.
/// </summary>
public static class AccountHealthCodec
{
    /// <summary>Format 4 is format 3's body, Brotli-compressed (the fixed-size day rings are mostly zeros).</summary>
    public const int Format = 4;
    /// <summary>The same body uncompressed; still read, so state written before format 4 loads.</summary>
    public const int UncompressedFormat = 3;
    /// <summary>Fast (encoding runs on every write-behind) and still 2–3× smaller: a new account 3×, a rich one 2×.</summary>
    private const int BrotliQuality = 2;
    private const int BrotliWindow = 16;

    /// <summary>The account's state as stored: <see cref="Format"/>, the body's length, then the compressed body.</summary>
    public static byte[] Encode(AccountHealth s) => Encode(s, compressed: true);

    /// <param name="compressed">False writes <see cref="UncompressedFormat"/> (for tests and for reading a body by eye).</param>
    public static byte[] Encode(AccountHealth s, bool compressed)
    {
        var body = EncodeBody(s, compressed ? Format : UncompressedFormat);
        if (!compressed) return body;
        var rawLength = body.Length - 4;
        // The worst case is only scratch: a pooled buffer, so each write allocates just the bytes it stores.
        var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(8 + System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(rawLength));
        try
        {
            BitConverter.TryWriteBytes(scratch.AsSpan(0, 4), Format);
            BitConverter.TryWriteBytes(scratch.AsSpan(4, 4), rawLength);
            if (!System.IO.Compression.BrotliEncoder.TryCompress(body.AsSpan(4), scratch.AsSpan(8), out var written, BrotliQuality, BrotliWindow))
                throw new InvalidOperationException("Brotli could not compress an account state into its maximum compressed length.");
            return scratch.AsSpan(0, 8 + written).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static byte[] EncodeBody(AccountHealth s, int format)
    {
        using var stream = new MemoryStream(512);
        using (var w = new BinaryWriter(stream))
        {
            w.Write(format);
            w.Write(s.AccountId);
            WriteString(w, s.Name); WriteString(w, s.Plan); w.Write((byte)s.Tier); w.Write(s.Arr);
            WriteTime(w, s.RenewalDate); WriteString(w, s.Segment); WriteString(w, s.Industry);
            WriteInt(w, s.SeatsPurchased); WriteInt(w, s.SeatsActive);

            w.Write(s.Activity.HeadDay); w.Write(s.Activity.FirstDay);
            foreach (var c in s.Activity.RawCounts) w.Write(c);
            w.Write(s.Activity.KeyFeatures.Count);
            foreach (var (feature, day) in s.Activity.KeyFeatures.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(feature); w.Write(day); }

            w.Write(s.Support.HasData);
            w.Write(s.Support.Open.Count);
            foreach (var (id, t) in s.Support.Open.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(id); w.Write(t.OpenedDay); w.Write(t.Priority); w.Write(t.Escalated); }
            WriteDays(w, s.Support.OpenedDays); WriteDays(w, s.Support.EscalationDays); WriteDays(w, s.Support.OutageDays);

            WriteDouble(w, s.Voice.LastNps); w.Write(s.Voice.LastNpsAt.UtcTicks);
            WriteDouble(w, s.Voice.LastCsat); w.Write(s.Voice.LastCsatAt.UtcTicks);
            WriteTime(w, s.Voice.PendingSurveySentAt);

            w.Write(s.Payment.HasData); w.Write(s.Payment.PaidOnTime); w.Write(s.Payment.PaidLate);
            w.Write(s.Payment.Open.Count);
            foreach (var (id, inv) in s.Payment.Open.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(id); w.Write(inv.Amount); WriteTime(w, inv.DueDate); }
            WriteDays(w, s.Payment.FailedDays);

            w.Write(s.Relationship.Contacts.Count);
            foreach (var (role, c) in s.Relationship.Contacts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            { w.Write(role); WriteString(w, c.UserId); w.Write((byte)c.Status); w.Write(c.Since.UtcTicks); }
            w.Write(s.Engagement.HasData);
            WriteDays(w, s.Engagement.Opens); WriteDays(w, s.Engagement.Clicks); WriteDays(w, s.Engagement.Bounces); WriteDays(w, s.Engagement.Unsubscribes);
            WriteDouble(w, s.Growth.InitialArr); WriteTime(w, s.Growth.LastUpgradeAt);
            w.Write(s.Growth.AdvocacyAt.Count);
            foreach (var at in s.Growth.AdvocacyAt) w.Write(at.UtcTicks);

            var seen = s.Seen.Days.OrderBy(kv => kv.Key).ToArray();
            w.Write(seen.Length);
            foreach (var (day, hashes) in seen) { w.Write(day); w.Write(hashes.Count); foreach (var h in hashes.Order()) w.Write(h); }

            w.Write(s.Started); w.Write((byte)s.Stage); w.Write(s.StageSince.UtcTicks); w.Write((byte)s.StageBeforeDormant);
            w.Write(s.StageCause); w.Write((byte)s.Flags); w.Write((ushort)s.RiskReasons); w.Write(s.StartedAt.UtcTicks);
            WriteTime(w, s.GoLiveAt); WriteTime(w, s.FirstValueAt); WriteTime(w, s.HealthySince);
            WriteTime(w, s.AdvocateLevelSince); WriteTime(w, s.LastAdvocacyAt); w.Write(s.BandSince.UtcTicks); WriteTime(w, s.LastDowngradeAt);

            w.Write(s.Score); w.Write(s.Band.HasValue); w.Write((byte)(s.Band ?? Band.Red));
            foreach (var c in s.Components) w.Write(c);
            w.Write(s.PolicyVersion);
            var ledger = s.Ledger.Recent();
            w.Write(ledger.Count);
            for (var i = ledger.Count - 1; i >= 0; i--) WriteEntry(w, ledger[i]);

            w.Write(s.AlertCooldowns.Count);
            foreach (var (rule, at) in s.AlertCooldowns.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(rule); w.Write(at.UtcTicks); }
            w.Write(s.RecentAlerts.Count);
            foreach (var a in s.RecentAlerts) { w.Write(a.Rule); w.Write((byte)a.Kind); w.Write(a.Message); w.Write(a.At.UtcTicks); }

            w.Write(s.EventsApplied); w.Write(s.Clock.UtcTicks); w.Write(s.UpdatedAt.UtcTicks);

            // Format 3: full-model evidence (trends, key-feature weeks, exec use, CES, participation, override).
            w.Write(s.TierFromTrait); w.Write(s.EarlyPageViews); w.Write(s.ComputedScore);
            w.Write(s.History.HeadDay); w.Write(s.History.FirstDay);
            foreach (var v in s.History.Raw) w.Write(v);
            w.Write(s.Activity.KeyHeadWeek);
            foreach (var v in s.Activity.RawKeyWeeks) w.Write(v);
            WriteInt(w, s.Relationship.SponsorLastActiveDay);
            WriteDouble(w, s.Voice.LastCes); w.Write(s.Voice.LastCesAt.UtcTicks);
            WriteDays(w, s.Engagement.Participation);
            w.Write(s.Override is not null);
            if (s.Override is { } o) { w.Write(o.Score); w.Write(o.Reason); w.Write(o.Author); w.Write(o.SetAt.UtcTicks); w.Write(o.ExpiresAt.UtcTicks); }
            WriteTime(w, s.LiveSince);
            w.Write(s.LastWeights is not null);
            if (s.LastWeights is { } weights) foreach (var weight in weights) w.Write(weight);
            WriteString(w, s.CapId);
            // Appended after format 4 first shipped: a body that ends before these reads them as false.
            w.Write((byte)((s.GoLiveInferred ? 1 : 0) | (s.FirstValueInferred ? 2 : 0)));
            w.Write(s.TrendPoints);
            foreach (var part in s.SubScores) w.Write(part);
        }
        return stream.ToArray();
    }

    public static AccountHealth Decode(byte[] data)
    {
        var format = data.Length >= 4 ? BitConverter.ToInt32(data, 0) : throw new InvalidDataException("Account state is shorter than its format number.");
        if (format == UncompressedFormat) return DecodeBody(data.AsSpan(4).ToArray());
        if (format != Format)
            throw new InvalidDataException($"Account state format {format} is not supported (expected {Format} or {UncompressedFormat}).");
        var rawLength = data.Length >= 8 ? BitConverter.ToInt32(data, 4) : -1;
        if (rawLength is < 0 or > 64 * 1024 * 1024) throw new InvalidDataException($"Account state (format {format}) has a bad body length {rawLength}.");
        var body = new byte[rawLength];
        if (!System.IO.Compression.BrotliDecoder.TryDecompress(data.AsSpan(8), body, out var written) || written != rawLength)
            throw new InvalidDataException($"Account state (format {format}) does not decompress to its stated {rawLength} bytes.");
        return DecodeBody(body);
    }

    private static AccountHealth DecodeBody(byte[] body)
    {
        using var r = new BinaryReader(new MemoryStream(body));
        var s = new AccountHealth(r.ReadString())
        {
            Name = ReadString(r), Plan = ReadString(r), Tier = (TouchTier)r.ReadByte(), Arr = r.ReadDouble(),
            RenewalDate = ReadTime(r), Segment = ReadString(r), Industry = ReadString(r),
            SeatsPurchased = ReadInt(r), SeatsActive = ReadInt(r),
        };

        var head = r.ReadInt32(); var first = r.ReadInt32();
        var counts = new ushort[ActivityLog.Days];
        for (var i = 0; i < counts.Length; i++) counts[i] = r.ReadUInt16();
        s.Activity.Restore(head, first, counts);
        for (int i = 0, n = r.ReadInt32(); i < n; i++) s.Activity.KeyFeatures[r.ReadString()] = r.ReadInt32();

        s.Support.HasData = r.ReadBoolean();
        for (int i = 0, n = r.ReadInt32(); i < n; i++) s.Support.Open[r.ReadString()] = new OpenTicket(r.ReadInt32(), r.ReadInt32(), r.ReadBoolean());
        ReadDays(r, s.Support.OpenedDays); ReadDays(r, s.Support.EscalationDays); ReadDays(r, s.Support.OutageDays);

        s.Voice.LastNps = ReadDouble(r); s.Voice.LastNpsAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        s.Voice.LastCsat = ReadDouble(r); s.Voice.LastCsatAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        s.Voice.PendingSurveySentAt = ReadTime(r);

        s.Payment.HasData = r.ReadBoolean(); s.Payment.PaidOnTime = r.ReadDouble(); s.Payment.PaidLate = r.ReadDouble();
        for (int i = 0, n = r.ReadInt32(); i < n; i++) s.Payment.Open[r.ReadString()] = new OpenInvoice(r.ReadDouble(), ReadTime(r));
        ReadDays(r, s.Payment.FailedDays);

        for (int i = 0, n = r.ReadInt32(); i < n; i++)
            s.Relationship.Contacts[r.ReadString()] = new KeyContact(ReadString(r), (ContactStatus)r.ReadByte(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
        s.Engagement.HasData = r.ReadBoolean();
        ReadDays(r, s.Engagement.Opens); ReadDays(r, s.Engagement.Clicks); ReadDays(r, s.Engagement.Bounces); ReadDays(r, s.Engagement.Unsubscribes);
        s.Growth.InitialArr = ReadDouble(r); s.Growth.LastUpgradeAt = ReadTime(r);
        for (int i = 0, n = r.ReadInt32(); i < n; i++) s.Growth.AdvocacyAt.Add(new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));

        for (int i = 0, n = r.ReadInt32(); i < n; i++)
        {
            var day = r.ReadInt32();
            var hashes = new ulong[r.ReadInt32()];
            for (var j = 0; j < hashes.Length; j++) hashes[j] = r.ReadUInt64();
            s.Seen.Restore(day, hashes);
        }

        s.Started = r.ReadBoolean(); s.Stage = (LifecycleStage)r.ReadByte(); s.StageSince = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        s.StageBeforeDormant = (LifecycleStage)r.ReadByte(); s.StageCause = r.ReadString(); s.Flags = (LifecycleFlags)r.ReadByte();
        s.RiskReasons = (RiskReason)r.ReadUInt16(); s.StartedAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        s.GoLiveAt = ReadTime(r); s.FirstValueAt = ReadTime(r); s.HealthySince = ReadTime(r);
        s.AdvocateLevelSince = ReadTime(r); s.LastAdvocacyAt = ReadTime(r); s.BandSince = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero); s.LastDowngradeAt = ReadTime(r);

        s.Score = r.ReadDouble();
        var hasBand = r.ReadBoolean(); var band = (Band)r.ReadByte();
        s.Band = hasBand ? band : null;
        for (var i = 0; i < s.Components.Length; i++) s.Components[i] = r.ReadDouble();
        s.PolicyVersion = r.ReadString();
        for (int i = 0, n = r.ReadInt32(); i < n; i++) s.Ledger.Add(ReadEntry(r));

        for (int i = 0, n = r.ReadInt32(); i < n; i++) s.AlertCooldowns[r.ReadString()] = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        for (int i = 0, n = r.ReadInt32(); i < n; i++)
            s.RecentAlerts.Enqueue(new Alert(r.ReadString(), (AlertKind)r.ReadByte(), r.ReadString(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero)));

        s.EventsApplied = r.ReadInt64(); s.Clock = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero); s.UpdatedAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);

        s.TierFromTrait = r.ReadBoolean(); s.EarlyPageViews = r.ReadInt32(); s.ComputedScore = r.ReadDouble();
        var historyHead = r.ReadInt32(); var historyFirst = r.ReadInt32();
        var history = new ushort[ScoreHistory.Days];
        for (var i = 0; i < history.Length; i++) history[i] = r.ReadUInt16();
        s.History.Restore(historyHead, historyFirst, history);
        var keyHead = r.ReadInt32();
        var keyWeeks = new ushort[ActivityLog.KeyWeeks];
        for (var i = 0; i < keyWeeks.Length; i++) keyWeeks[i] = r.ReadUInt16();
        s.Activity.RestoreKeyWeeks(keyHead, keyWeeks);
        s.Relationship.SponsorLastActiveDay = ReadInt(r);
        s.Voice.LastCes = ReadDouble(r); s.Voice.LastCesAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        ReadDays(r, s.Engagement.Participation);
        if (r.ReadBoolean())
            s.Override = new ScoreOverride(r.ReadDouble(), r.ReadString(), r.ReadString(),
                new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
        s.LiveSince = ReadTime(r);
        if (r.ReadBoolean())
        {
            var weights = new double[ComponentNames.Count];
            for (var i = 0; i < weights.Length; i++) weights[i] = r.ReadDouble();
            s.LastWeights = weights;
        }
        s.CapId = ReadString(r) is { } cap ? Shared(cap) : null;
        if (r.BaseStream.Position < r.BaseStream.Length)
        {
            var inferred = r.ReadByte();
            s.GoLiveInferred = (inferred & 1) != 0;
            s.FirstValueInferred = (inferred & 2) != 0;
            s.TrendPoints = r.ReadDouble();
            for (var i = 0; i < s.SubScores.Length; i++) s.SubScores[i] = r.ReadSingle();
        }
        return s;
    }

    private static void WriteEntry(BinaryWriter w, ExplanationEntry e)
    {
        w.Write(e.At.UtcTicks); w.Write(e.EventId); w.Write(e.EventName); w.Write(e.PolicyVersion);
        w.Write(e.ScoreBefore); w.Write(e.ScoreAfter); w.Write(e.Contributions.Count);
        foreach (var c in e.Contributions)
        {
            w.Write((byte)c.Component); w.Write(c.ComponentDelta); w.Write(c.ScoreDelta);
            w.Write(c.Evidence.Score); w.Write(c.Evidence.Rule); w.Write(c.Evidence.Measure); w.Write(c.Evidence.Reference);
        }
    }

    private static ExplanationEntry ReadEntry(BinaryReader r)
    {
        var at = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var id = r.ReadString(); var name = Shared(r.ReadString()); var version = r.ReadString();
        var before = r.ReadDouble(); var after = r.ReadDouble();
        var contributions = new Contribution[r.ReadInt32()];
        for (var i = 0; i < contributions.Length; i++)
            contributions[i] = new Contribution((ComponentKind)r.ReadByte(), r.ReadDouble(), r.ReadDouble(),
                new ComponentResult(r.ReadDouble(), Shared(r.ReadString()), r.ReadDouble(), r.ReadDouble()));
        return new ExplanationEntry(at, id, name, version, before, after, contributions);
    }

    /// <summary>
    /// Rule ids and event names are a small fixed vocabulary of literals: reuse the runtime's interned instance, so a
    /// million decoded ledgers do not each hold their own copy of "usage.active-days-vs-own-baseline".
    /// </summary>
    private static string Shared(string value) => string.IsInterned(value) ?? value;

    private static void WriteString(BinaryWriter w, string? value) { w.Write(value is not null); if (value is not null) w.Write(value); }
    private static string? ReadString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
    private static void WriteInt(BinaryWriter w, int? value) { w.Write(value.HasValue); w.Write(value ?? 0); }
    private static int? ReadInt(BinaryReader r) { var has = r.ReadBoolean(); var v = r.ReadInt32(); return has ? v : null; }
    private static void WriteDouble(BinaryWriter w, double? value) { w.Write(value.HasValue); w.Write(value ?? 0); }
    private static double? ReadDouble(BinaryReader r) { var has = r.ReadBoolean(); var v = r.ReadDouble(); return has ? v : null; }
    private static void WriteTime(BinaryWriter w, DateTimeOffset? value) { w.Write(value.HasValue); w.Write(value?.UtcTicks ?? 0); }
    private static DateTimeOffset? ReadTime(BinaryReader r) { var has = r.ReadBoolean(); var v = r.ReadInt64(); return has ? new DateTimeOffset(v, TimeSpan.Zero) : null; }
    private static void WriteDays(BinaryWriter w, List<int> days) { w.Write(days.Count); foreach (var d in days) w.Write(d); }
    private static void ReadDays(BinaryReader r, List<int> days) { for (int i = 0, n = r.ReadInt32(); i < n; i++) days.Add(r.ReadInt32()); }
}
