using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pulse.Postgres.Tests;

/// <summary>
/// Sends batches like a well-behaved Segment client: a batch counts as accepted only on 200; on 503 it waits the
/// Retry-After and resends the same batch; on a broken connection (silo killed) it resends to another silo. Every
/// answer is recorded so tests can check what ingest said and when.
/// </summary>
public sealed class PersistentSender(Func<IReadOnlyList<Uri>> targets)
{
    public readonly record struct Answer(DateTime SentAt, DateTime At, int Status, bool HasRetryAfter);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private int _next;

    public ConcurrentQueue<Answer> Answers { get; } = new();
    public long Accepted;
    public long ConnectionFailures;

    public async Task SendAllAsync(IReadOnlyList<KnownBatch> batches, int concurrency, Action<KnownBatch>? onAccepted = null, CancellationToken ct = default)
    {
        var index = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref index)) < batches.Count)
            {
                await SendOneAsync(batches[i], ct);
                onAccepted?.Invoke(batches[i]);
            }
        });
        await Task.WhenAll(workers);
    }

    public async Task SendOneAsync(KnownBatch batch, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var live = targets();
            var target = live[(int)((uint)Interlocked.Increment(ref _next) % live.Count)];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/v1/batch"))
            {
                Content = new StringContent(batch.Json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(SiloProcess.WriteKey + ":")));
            var sentAt = DateTime.UtcNow;
            try
            {
                using var response = await _http.SendAsync(request, ct);
                var retryAfter = response.Headers.RetryAfter?.Delta;
                Answers.Enqueue(new Answer(sentAt, DateTime.UtcNow, (int)response.StatusCode, retryAfter is not null));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Add(ref Accepted, batch.Accounts.Count);
                    return;
                }
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1), ct);
                    continue;
                }
                throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The silo died mid-request: whether it committed is unknown, so resend (duplicates are dropped).
                Interlocked.Increment(ref ConnectionFailures);
                Answers.Enqueue(new Answer(sentAt, DateTime.UtcNow, 0, false));
                await Task.Delay(100, ct);
            }
        }
    }
}
