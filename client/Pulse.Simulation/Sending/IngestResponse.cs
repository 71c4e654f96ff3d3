using System.Text.Json;

namespace Pulse.Simulation.Sending;

/// <summary>What the ingest API said about a batch: counts, per-message errors, or an overall error.</summary>
internal sealed record IngestResponse(long? Accepted, long? Rejected, IReadOnlyList<string> Reasons, string? Error)
{
    public static readonly IngestResponse Empty = new(null, null, [], null);

    public static IngestResponse Parse(byte[] body)
    {
        if (body.Length == 0) return Empty;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Empty with { Error = Truncate(System.Text.Encoding.UTF8.GetString(body)) };
            var reasons = new List<string>();
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    var reason = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
                        ? r.GetString()
                        : e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                    reasons.Add(string.IsNullOrWhiteSpace(reason) ? "rejected (no reason given)" : Truncate(reason));
                }
            }
            var error = root.TryGetProperty("error", out var er) && er.ValueKind == JsonValueKind.String ? Truncate(er.GetString()!) : null;
            return new IngestResponse(Number(root, "accepted"), Number(root, "rejected"), reasons, error);
        }
        catch (JsonException)
        {
            return Empty with { Error = Truncate(System.Text.Encoding.UTF8.GetString(body)) };
        }
    }

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static string Truncate(string text)
    {
        text = text.Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
