using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pulse.Health.Grains.Diagnostics;
using Pulse.Ingest.Segment;

namespace Pulse.Silo.Ingest;

/// <summary>
/// Handles one ingest request: authenticate the write key, enforce limits, parse and route each message, admit the
/// valid ones against the backlog, write them to the account stream, and answer with per-message results.
/// An event is reported accepted only after it is on the stream; anything else gets a reason or a retry signal.
/// </summary>
public sealed partial class IngestHandler(
    IOptions<IngestOptions> options,
    AccountRouter router,
    IAccountEventSink publisher,
    IngestBacklog backlog,
    TimeProvider clock,
    ILogger<IngestHandler> logger)
{
    private readonly IngestOptions _options = options.Value;

    public async Task HandleAsync(HttpContext http, string? impliedType)
    {
        var receivedAt = clock.GetUtcNow();
        var headerKey = WriteKeyFromHeader(http.Request);
        if (headerKey is not null && !IsKnownKey(headerKey))
        {
            await Reply(http, 401, new { success = false, error = "unknown write key" });
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(http.Request, _options.MaxBatchBytes, http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // The request-decompression middleware (which has already taken the header off) throws while reading a body
            // its Content-Encoding does not describe: the sender's mistake, not ours.
            await Reply(http, 400, new { success = false, error = "the body does not decompress as its Content-Encoding says (gzip, deflate or br); send it plain or encoded as declared" });
            return;
        }
        if (body is null)
        {
            await Reply(http, 413, new { success = false, error = $"request body exceeds {_options.MaxBatchBytes / 1024} KB; split the batch" });
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            await Reply(http, 400, new { success = false, error = "malformed JSON: " + ex.Message });
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await Reply(http, 400, new { success = false, error = "the body must be a JSON object" });
                return;
            }
            var key = headerKey ?? SegmentMessageReader.Text(root, "writeKey");
            if (key is null || !IsKnownKey(key))
            {
                await Reply(http, 401, new { success = false, error = key is null ? "missing write key: send it as the HTTP Basic username" : "unknown write key" });
                return;
            }

            if (!SegmentMessageReader.TryDate(root, "sentAt", out var sentAt))
            {
                await Reply(http, 400, new { success = false, error = "sentAt is not an ISO-8601 date" });
                return;
            }
            var batch = new BatchContext(receivedAt, sentAt, SegmentMessageReader.Bool(root, "historical") ?? false);

            var parsed = new List<ParsedMessage>();
            if (impliedType is null)
            {
                if (!root.TryGetProperty("batch", out var messages) || messages.ValueKind != JsonValueKind.Array)
                {
                    await Reply(http, 400, new { success = false, error = "the body must have a 'batch' array" });
                    return;
                }
                if (messages.GetArrayLength() == 0)
                {
                    await Reply(http, 400, new { success = false, error = "the batch is empty" });
                    return;
                }
                var index = 0;
                foreach (var message in messages.EnumerateArray())
                    parsed.Add(SegmentMessageReader.Read(message, index++, null, batch, _options));
            }
            else
            {
                parsed.Add(SegmentMessageReader.Read(root, 0, impliedType, batch, _options));
            }

            await router.RouteAsync(parsed, http.RequestAborted);
            await AcceptAsync(http, parsed);
        }
    }

    private async Task AcceptAsync(HttpContext http, List<ParsedMessage> parsed)
    {
        var valid = parsed.Where(m => m.IsValid).ToList();
        var errors = parsed.Where(m => !m.IsValid).Select(m => new IngestError(m.Index, m.MessageId, m.Error!)).ToList();
        if (valid.Count == 0)
        {
            await Reply(http, 400, new { success = false, error = errors.Count == 1 ? errors[0].Reason : "no message in the request is valid", accepted = 0, rejected = errors.Count, errors });
            return;
        }

        if (!backlog.TryAdmit(valid.Count))
        {
            PulseMeter.IngestOverloaded.Add(1);
            await Overloaded(http, 0, $"overloaded: {backlog.Pending} events are waiting to be applied");
            return;
        }
        var (written, failure) = await publisher.PublishAsync(valid, http.RequestAborted);
        if (written < valid.Count) backlog.Release(valid.Count - written);
        PulseMeter.EventsIngested.Add(written);
        if (failure is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return; // the client left: no one to answer
        if (failure is not null)
        {
            LogWriteFailed(logger, failure, written, valid.Count);
            await Overloaded(http, written, "the event stream is full or unavailable");
            return;
        }

        if (errors.Count == 0)
            await Reply(http, 200, new { success = true, accepted = written });
        else
            await Reply(http, 207, new { success = false, accepted = written, rejected = errors.Count, errors });
    }

    private Task Overloaded(HttpContext http, int written, string reason)
    {
        http.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Reply(http, 503, new
        {
            success = false,
            error = $"{reason}; retry the same request after {_options.RetryAfterSeconds} s (messages already written are de-duplicated by messageId)",
            accepted = written,
        });
    }

    private bool IsKnownKey(string key)
    {
        var candidate = Encoding.UTF8.GetBytes(key);
        var known = false;
        foreach (var k in _options.WriteKeys)
            known |= CryptographicOperations.FixedTimeEquals(candidate, Encoding.UTF8.GetBytes(k));
        return known;
    }

    /// <summary>The HTTP Basic username (Segment puts the write key there with an empty password).</summary>
    internal static string? WriteKeyFromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            var user = colon >= 0 ? decoded[..colon] : decoded;
            return user.Length == 0 ? null : user;
        }
        catch (FormatException)
        {
            return "";
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        try
        {
            using var collected = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                collected.Write(buffer, 0, read);
                if (collected.Length > limit) return null;
            }
            return collected.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task Reply(HttpContext http, int status, object body)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(body, body.GetType(), IngestJson.Options);
    }

    // Source-generated: under an outage every request fails, so this runs once per request.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing to the account stream failed after {Written} of {Total} events")]
    private static partial void LogWriteFailed(ILogger logger, Exception failure, int written, int total);
}

public sealed record IngestError(int Index, string? MessageId, string Reason);

internal static class IngestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
