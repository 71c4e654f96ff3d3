using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Pulse.Health.Model.Events;

namespace Pulse.Ingest.Segment;

/// <summary>
/// Reads one Segment message (track, identify, group, page, screen) into a <see cref="ParsedMessage"/>, or the precise
/// reason it cannot be accepted. Pure: the receive time and the batch's defaults are passed in.
/// </summary>
public static class SegmentMessageReader
{
    public const int MaxAccountIdLength = 256;

    public static ParsedMessage Read(JsonElement message, int index, string? impliedType, BatchContext batch, SegmentLimits options)
    {
        if (message.ValueKind != JsonValueKind.Object)
            return ParsedMessage.Rejected(index, null, "message is not a JSON object");

        var messageId = Text(message, "messageId");
        var size = Encoding.UTF8.GetByteCount(message.GetRawText());
        if (size > options.MaxMessageBytes)
            return ParsedMessage.Rejected(index, messageId, $"message is {size} bytes; the limit is {options.MaxMessageBytes / 1024} KB");

        var type = (Text(message, "type") ?? impliedType)?.ToLowerInvariant();
        if (type is null) return ParsedMessage.Rejected(index, messageId, "missing type (track, identify, group, page or screen)");
        if (type == "alias") return ParsedMessage.Rejected(index, messageId, "alias calls are not supported: Pulse routes by groupId or userId");
        if (type is not ("track" or "identify" or "group" or "page" or "screen"))
            return ParsedMessage.Rejected(index, messageId, $"unknown type '{type}' (expected track, identify, group, page or screen)");

        // Segment SDKs always send a messageId; for hand-made calls without one, the content is the identity, so an
        // identical retry is still de-duplicated.
        messageId ??= "auto-" + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(message.GetRawText())).ToString("x16");
        if (messageId.Length > 200) return ParsedMessage.Rejected(index, messageId[..40] + "…", "messageId is longer than 200 characters");

        if (!TryReadTimestamp(message, batch, options, out var timestamp, out var timeError))
            return ParsedMessage.Rejected(index, messageId, timeError!);

        var userId = Text(message, "userId");
        var historical = Bool(message, "historical") ?? batch.Historical;
        message.TryGetProperty("properties", out var props);
        message.TryGetProperty("context", out var context);

        string name;
        EventKind kind;
        AccountTraits? traits = null;
        switch (type)
        {
            case "track":
                name = EventCatalog.CanonicalName(Text(message, "event") ?? "");
                if (name.Length == 0) return ParsedMessage.Rejected(index, messageId, "track call is missing the event name ('event')");
                kind = EventCatalog.KindOf(name);
                break;
            case "page":
                name = "Page Viewed";
                kind = EventKind.PageViewed;
                break;
            case "screen":
                name = "Screen Viewed";
                kind = EventKind.Other;
                break;
            default: // identify, group
                name = type;
                kind = EventKind.Traits;
                if (message.TryGetProperty("traits", out var traitsElement) && traitsElement.ValueKind == JsonValueKind.Object)
                {
                    var traitError = TryReadTraits(traitsElement, out traits);
                    if (traitError is not null) return ParsedMessage.Rejected(index, messageId, traitError);
                }
                break;
        }

        var accountId = AccountRouter.NamedAccount(type, Text(context, "groupId"), Text(message, "groupId"), Text(props, "accountId"));
        if (type == "group" && accountId is null) return ParsedMessage.Rejected(index, messageId, "group call is missing groupId");
        if (accountId is { Length: 0 or > MaxAccountIdLength })
            return ParsedMessage.Rejected(index, messageId, $"account id must be 1–{MaxAccountIdLength} characters");
        if (accountId is null && userId is null)
            return ParsedMessage.Rejected(index, messageId, "no account id: send context.groupId, groupId or properties.accountId (or a userId linked by a group call)");

        var e = new HealthEvent
        {
            MessageId = messageId,
            Name = name,
            Kind = kind,
            Timestamp = timestamp,
            Historical = historical,
            UserId = userId,
            Traits = traits,
        };
        var propertyError = kind == EventKind.Traits ? null : TryReadProperties(props, kind, name, ref e);
        if (propertyError is not null) return ParsedMessage.Rejected(index, messageId, propertyError);

        return new ParsedMessage(index, messageId) { Event = e, AccountId = accountId, UserId = userId, LinksUser = type == "group" && userId is not null };
    }

    private static string? TryReadProperties(JsonElement p, EventKind kind, string name, ref HealthEvent e)
    {
        var required = EventCatalog.RequiredProperty(kind);
        if (required is not null && (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty(required, out var r) || r.ValueKind is JsonValueKind.Null))
            return $"{name} requires properties.{required}";
        if (p.ValueKind != JsonValueKind.Object) return null;

        var score = Number(p, "score");
        if (kind == EventKind.NpsSubmitted && score is not (>= 0 and <= 10)) return "NPS Submitted properties.score must be a number from 0 to 10";
        if (kind == EventKind.CsatSubmitted && score is not (>= 1 and <= 5)) return "CSAT Submitted properties.score must be a number from 1 to 5";
        if (kind == EventKind.CesSubmitted && score is not (>= 1 and <= 7)) return "CES Submitted properties.score must be a number from 1 to 7";
        var priority = Priority(p);
        if (priority == -1) return "properties.priority must be P1, P2, P3 or P4";
        if (!TryDate(p, "dueDate", out var due)) return "properties.dueDate is not a date";
        if (!TryDate(p, "renewalDate", out var renewal)) return "properties.renewalDate is not a date";
        var purchased = Number(p, "purchased");
        var active = Number(p, "active");
        if (purchased < 0 || active < 0) return "properties.purchased and properties.active must not be negative";

        e = e with
        {
            Platform = Text(p, "platform"),
            Feature = Text(p, "feature"),
            IsKeyFeature = Bool(p, "key") ?? false,
            Milestone = Text(p, "milestone"),
            SeatsPurchased = purchased is { } sp ? (int)sp : null,
            SeatsActive = active is { } sa ? (int)sa : null,
            TicketId = Text(p, "ticketId"),
            Priority = priority,
            Severity = Text(p, "severity"),
            Minutes = Number(p, "minutes"),
            SurveyId = Text(p, "surveyId"),
            SurveyType = Text(p, "type"),
            Score = score,
            InvoiceId = Text(p, "invoiceId"),
            Amount = Number(p, "amount"),
            DueDate = due,
            Arr = Number(p, "arr"),
            RenewalDate = renewal,
            Change = Text(p, "change"),
            Outcome = Text(p, "outcome"),
            Reason = Text(p, "reason"),
            Avoidable = Bool(p, "avoidable"),
            Campaign = Text(p, "campaign"),
            Role = Text(p, "role"),
            AdvocacyKind = Text(p, "kind"),
        };
        return null;
    }

    private static string? TryReadTraits(JsonElement t, out AccountTraits? traits)
    {
        traits = null;
        TouchTier? tier = null;
        if (Text(t, "tier") is { } tierText)
        {
            if (!TouchTierNames.TryParse(tierText, out var parsed)) return $"traits.tier '{tierText}' is not one of b2c, tech-touch, low-touch, high-touch";
            tier = parsed;
        }
        if (!TryDate(t, "renewalDate", out var renewal)) return "traits.renewalDate is not a date";
        var seats = Number(t, "seats");
        var read = new AccountTraits
        {
            Name = Text(t, "name"),
            Plan = Text(t, "plan"),
            Tier = tier,
            Mrr = Number(t, "mrr"),
            Arr = Number(t, "arr"),
            Seats = seats is { } s ? (int)s : null,
            RenewalDate = renewal,
            Segment = Text(t, "segment"),
            Industry = Text(t, "industry"),
        };
        traits = read.IsEmpty ? null : read;
        return null;
    }

    /// <summary>
    /// Event time, corrected for the sender's clock skew the way Segment does: receivedAt − (sentAt − timestamp).
    /// </summary>
    private static bool TryReadTimestamp(JsonElement m, BatchContext batch, SegmentLimits options, out DateTimeOffset timestamp, out string? error)
    {
        error = null;
        timestamp = batch.ReceivedAt;
        if (!TryDate(m, "timestamp", out var ts)) { error = "timestamp is not an ISO-8601 date"; return false; }
        if (ts is null && !TryDate(m, "originalTimestamp", out ts)) { error = "originalTimestamp is not an ISO-8601 date"; return false; }
        if (!TryDate(m, "sentAt", out var sentAt)) { error = "sentAt is not an ISO-8601 date"; return false; }
        sentAt ??= batch.SentAt;
        if (ts is { } t)
        {
            var skew = sentAt is { } sent ? sent - t : TimeSpan.Zero;
            // A skew no calendar can hold (sentAt in year 1, timestamp in 9999) is the sender's error, not an overflow of ours.
            if (skew > batch.ReceivedAt - DateTimeOffset.MinValue || -skew > DateTimeOffset.MaxValue - batch.ReceivedAt)
            {
                error = "sentAt and timestamp are too far apart to correct for clock skew";
                return false;
            }
            timestamp = sentAt is null ? t : batch.ReceivedAt - skew;
        }
        if (timestamp > batch.ReceivedAt + options.MaxFutureSkew)
        {
            error = $"timestamp {timestamp:O} is more than {options.MaxFutureSkew.TotalHours:0} hours in the future";
            return false;
        }
        if (timestamp > batch.ReceivedAt) timestamp = batch.ReceivedAt; // small skew: the event happened "now"
        return true;
    }

    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public static double? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d)) return d;
        return null;
    }

    public static bool? Bool(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => b,
            _ => null,
        };
    }

    public static bool TryDate(JsonElement element, string name, out DateTimeOffset? date)
    {
        date = null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind != JsonValueKind.String) return false;
        if (!DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return false;
        date = parsed;
        return true;
    }

    /// <summary>1–4 from "P1".."P4" or 1..4; null when absent; -1 when present but not a priority.</summary>
    private static int? Priority(JsonElement p)
    {
        if (!p.TryGetProperty("priority", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim().TrimStart('P', 'p') : value.GetRawText();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4 ? n : -1;
    }
}
