using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Sending;

/// <summary>How a batch ended.</summary>
public enum BatchOutcome
{
    /// <summary>The server answered for every message (accepted and/or rejected).</summary>
    Answered,
    /// <summary>Not delivered after the allowed attempts (connection errors, timeouts, 5xx).</summary>
    Failed,
    /// <summary>The server refused in a way that makes going on pointless (bad write key, not an ingest API).</summary>
    Fatal,
    /// <summary>The run was cancelled before the batch was delivered.</summary>
    Cancelled,
}

public readonly record struct BatchResult(BatchOutcome Outcome, string? Reason = null);

/// <summary>Settings of <see cref="BatchSender"/>.</summary>
public sealed record SenderSettings
{
    public required Uri Target { get; init; }
    public required string WriteKey { get; init; }
    /// <summary>Attempts for connection errors, timeouts and 5xx other than 503 (429/503 with Retry-After are retried without limit).</summary>
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Ceiling on a server's Retry-After, so a wrong header cannot park the run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>First back-off after a transient failure; doubles per attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public Uri BatchUri
    {
        get
        {
            var text = Target.AbsoluteUri;
            return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), "v1/batch");
        }
    }
}

/// <summary>
/// Posts batches to <c>/v1/batch</c> and records the outcome in <see cref="SendStatistics"/>. 429/503 are answered by
/// waiting Retry-After and sending the same batch again (the server drops duplicates by messageId); connection errors,
/// timeouts and other 5xx are retried with back-off a few times; 207/400 bodies are counted per message and reason;
/// 413 splits the batch.
/// </summary>
public sealed class BatchSender
{
    private readonly HttpClient _http;
    private readonly SenderSettings _settings;
    private readonly SendStatistics _stats;
    private readonly TimeProvider _time;
    private readonly Uri _uri;
    private readonly AuthenticationHeaderValue _auth;

    public BatchSender(HttpClient http, SenderSettings settings, SendStatistics stats, TimeProvider? time = null)
    {
        _http = http;
        _settings = settings;
        _stats = stats;
        _time = time ?? TimeProvider.System;
        _uri = settings.BatchUri;
        _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.WriteKey + ":")));
    }

    public Uri BatchUri => _uri;

    /// <summary>
    /// Sends one batch until the server has answered for it. <paramref name="waitToken"/> ends waits between attempts;
    /// <paramref name="abortToken"/> aborts a request in flight.
    /// </summary>
    public async Task<BatchResult> SendAsync(IReadOnlyList<IWireMessage> batch, bool historical, CancellationToken waitToken, CancellationToken abortToken)
    {
        if (batch.Count == 0) return new BatchResult(BatchOutcome.Answered);
        _stats.AddSent(batch.Count, live: !historical);
        return await DeliverAsync(batch, historical, waitToken, abortToken).ConfigureAwait(false);
    }

    private async Task<BatchResult> DeliverAsync(IReadOnlyList<IWireMessage> batch, bool historical, CancellationToken waitToken, CancellationToken abortToken)
    {
        var live = !historical;
        var transientFailures = 0;
        while (true)
        {
            if (waitToken.IsCancellationRequested || abortToken.IsCancellationRequested) return Cancelled(batch.Count);

            int status;
            byte[] responseBody;
            TimeSpan? retryAfter;
            string? failure = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _uri);
                request.Content = new ByteArrayContent(BatchBody.Build(batch, historical, _time.GetUtcNow()));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = _auth;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abortToken);
                timeout.CancelAfter(_settings.RequestTimeout);
                _stats.AddRequest();
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                responseBody = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                retryAfter = RetryAfter(response);
            }
            catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
            {
                return Cancelled(batch.Count);
            }
            catch (OperationCanceledException)
            {
                status = 0;
                responseBody = [];
                retryAfter = null;
                failure = $"timeout: no answer within {_settings.RequestTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException ex)
            {
                status = 0;
                responseBody = [];
                retryAfter = null;
                failure = "connection error: " + Describe(ex);
            }

            if (failure is null && status is >= 500 and not 503) failure = $"HTTP {status} {ReasonPhrase(status)}{Detail(responseBody)}";
            if (failure is not null)
            {
                transientFailures++;
                _stats.AddError(failure, 1);
                if (transientFailures >= _settings.MaxAttempts)
                {
                    _stats.AddFailed(batch.Count, failure);
                    return new BatchResult(BatchOutcome.Failed, failure);
                }
                _stats.AddRetry(null);
                if (!await WaitAsync(Backoff(transientFailures), waitToken).ConfigureAwait(false)) return Cancelled(batch.Count);
                continue;
            }

            switch (status)
            {
                case 200 or 201 or 202 or 204:
                {
                    var answer = IngestResponse.Parse(responseBody);
                    _stats.AddAccepted(Math.Min(batch.Count, answer.Accepted ?? batch.Count), live);
                    return new BatchResult(BatchOutcome.Answered);
                }
                case 207:
                {
                    var answer = IngestResponse.Parse(responseBody);
                    var rejected = answer.Reasons.Count > 0 ? answer.Reasons.Count : (int)(answer.Rejected ?? 0);
                    var accepted = answer.Accepted ?? batch.Count - rejected;
                    _stats.AddAccepted(Math.Clamp(accepted, 0, batch.Count), live);
                    CountRejections(answer, rejected);
                    return new BatchResult(BatchOutcome.Answered);
                }
                case 400:
                {
                    var answer = IngestResponse.Parse(responseBody);
                    CountRejections(answer, batch.Count, "HTTP 400 Bad Request");
                    return new BatchResult(BatchOutcome.Answered);
                }
                case 413 when batch.Count > 1:
                {
                    _stats.AddError("HTTP 413 Payload Too Large (batch split)", 1);
                    var half = batch.Count / 2;
                    var first = await DeliverAsync(batch.Take(half).ToArray(), historical, waitToken, abortToken).ConfigureAwait(false);
                    if (first.Outcome != BatchOutcome.Answered)
                    {
                        if (first.Outcome == BatchOutcome.Cancelled) Cancelled(batch.Count - half);
                        else _stats.AddFailed(batch.Count - half, first.Reason ?? "not sent");
                        return first;
                    }
                    return await DeliverAsync(batch.Skip(half).ToArray(), historical, waitToken, abortToken).ConfigureAwait(false);
                }
                case 429 or 503:
                {
                    var wait = retryAfter ?? TimeSpan.FromSeconds(1);
                    if (wait > _settings.MaxRetryAfter) wait = _settings.MaxRetryAfter;
                    _stats.AddRetry($"HTTP {status} {ReasonPhrase(status)} (resent after Retry-After)");
                    if (!await WaitAsync(wait, waitToken).ConfigureAwait(false)) return Cancelled(batch.Count);
                    continue;
                }
                case 401 or 403 or 404 or 405:
                {
                    var answer = IngestResponse.Parse(responseBody);
                    var reason = $"HTTP {status} {ReasonPhrase(status)}{(answer.Error is null ? "" : ": " + answer.Error)}";
                    _stats.AddError(reason, 1);
                    _stats.AddFailed(batch.Count, reason);
                    var message = status is 401 or 403
                        ? $"the server refused the write key ({reason})"
                        : $"{_uri} answered {reason}: is the target a Pulse ingest API?";
                    return new BatchResult(BatchOutcome.Fatal, message);
                }
                default:
                {
                    var answer = IngestResponse.Parse(responseBody);
                    CountRejections(answer, batch.Count, $"HTTP {status} {ReasonPhrase(status)}");
                    return new BatchResult(BatchOutcome.Answered);
                }
            }
        }
    }

    /// <summary>Counts <paramref name="rejected"/> events as rejected, by the reasons the server gave (or the overall error).</summary>
    private void CountRejections(IngestResponse answer, int rejected, string? statusReason = null)
    {
        if (rejected <= 0) return;
        _stats.AddRejected(rejected);
        foreach (var reason in answer.Reasons) _stats.AddError(reason, 1);
        var unexplained = rejected - answer.Reasons.Count;
        if (unexplained > 0)
        {
            var reason = answer.Error ?? statusReason ?? "rejected (no reason given)";
            if (statusReason is not null && answer.Error is not null) reason = $"{statusReason}: {answer.Error}";
            _stats.AddError(reason, unexplained);
        }
    }

    private BatchResult Cancelled(int events)
    {
        _stats.AddFailed(events, "not delivered: run stopped");
        return new BatchResult(BatchOutcome.Cancelled);
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, _time, token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(_settings.InitialBackoff.Ticks << Math.Min(failures - 1, 10), TimeSpan.FromSeconds(10).Ticks));

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is SocketException socket) return socket.Message;
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "name resolution failed",
            HttpRequestError.ConnectionError => ex.InnerException?.Message ?? ex.Message,
            _ => ex.InnerException?.Message ?? ex.Message,
        };
    }

    private static string Detail(byte[] body)
    {
        var error = IngestResponse.Parse(body).Error;
        return error is null ? "" : ": " + error;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => ((HttpStatusCode)status).ToString(),
    };
}
