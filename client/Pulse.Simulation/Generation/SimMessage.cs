using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Pulse.Simulation.Generation;

/// <summary>One property (or trait) of a message. Values are strings, integers, decimals, booleans or dates.</summary>
public readonly record struct Prop(string Name, object Value)
{
    public static Prop Of(string name, string value) => new(name, value);
    public static Prop Of(string name, long value) => new(name, value);
    public static Prop Of(string name, decimal value) => new(name, value);
    public static Prop Of(string name, bool value) => new(name, value);
    public static Prop Of(string name, DateOnly value) => new(name, value);
}

/// <summary>
/// One Segment message of the synthetic stream (<c>track</c> or <c>group</c>), with its exact JSON.
/// The JSON is written once, in a fixed property order with invariant formatting, so it is byte-for-byte reproducible.
/// </summary>
public sealed class SimMessage : Sending.IWireMessage
{
    public const string Track = "track";
    public const string Group = "group";

    public SimMessage(string type, string messageId, DateTimeOffset timestamp, string userId, int accountIndex, string accountId,
        string? eventName, IReadOnlyList<Prop> properties, bool live)
    {
        Type = type;
        MessageId = messageId;
        Timestamp = timestamp;
        UserId = userId;
        AccountIndex = accountIndex;
        AccountId = accountId;
        Event = eventName;
        Properties = properties;
        IsLive = live;
        Json = Serialize();
    }

    public string Type { get; }
    public string MessageId { get; }
    public DateTimeOffset Timestamp { get; }
    public string UserId { get; }
    public int AccountIndex { get; }
    public string AccountId { get; }
    /// <summary>The track event name; null for group calls.</summary>
    public string? Event { get; }
    /// <summary>Track properties, or the traits of a group call.</summary>
    public IReadOnlyList<Prop> Properties { get; }
    /// <summary>False for backfill (sent with <c>historical: true</c>), true for the live phase.</summary>
    public bool IsLive { get; }
    /// <summary>The message as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    public bool Is(string eventName) => Type == Track && Event == eventName;

    public object? Get(string name)
    {
        foreach (var p in Properties)
            if (p.Name == name) return p.Value;
        return null;
    }

    public long? GetLong(string name) => Get(name) switch
    {
        long l => l,
        int i => i,
        decimal d => (long)d,
        _ => null,
    };

    public string? GetString(string name) => Get(name) as string;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Json.Span);

    private byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", Type);
            w.WriteString("messageId", MessageId);
            w.WriteString("timestamp", FormatTimestamp(Timestamp));
            w.WriteString("userId", UserId);
            if (Type == Group)
            {
                w.WriteString("groupId", AccountId);
                w.WritePropertyName("traits");
                WriteProps(w, Properties);
            }
            else
            {
                w.WritePropertyName("context");
                w.WriteStartObject();
                w.WriteString("groupId", AccountId);
                w.WriteEndObject();
                w.WriteString("event", Event);
                w.WritePropertyName("properties");
                WriteProps(w, Properties);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProps(Utf8JsonWriter w, IReadOnlyList<Prop> props)
    {
        w.WriteStartObject();
        foreach (var (name, value) in props)
        {
            switch (value)
            {
                case string s: w.WriteString(name, s); break;
                case long l: w.WriteNumber(name, l); break;
                case int i: w.WriteNumber(name, i); break;
                case decimal d: w.WriteNumber(name, d); break;
                case bool b: w.WriteBoolean(name, b); break;
                case DateOnly date: w.WriteString(name, FormatDate(date)); break;
                default: throw new InvalidOperationException($"property {name} has unsupported type {value?.GetType().Name ?? "null"}");
            }
        }
        w.WriteEndObject();
    }

    /// <summary>ISO-8601 UTC with milliseconds, e.g. <c>2026-11-20T09:13:27.000Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
