using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Pulse.Silo.Tests;

/// <summary>A silo whose backlog limit is tiny, so concurrent senders really hit back-pressure.</summary>
public sealed class SmallBacklogSiloFixture : SiloFixture
{
    public const int Backlog = 100;
    protected override string[] ExtraArgs => [$"--Pulse:Ingest:MaxBacklog={Backlog}"];
}

public sealed class BackPressureTests(SmallBacklogSiloFixture silo) : IClassFixture<SmallBacklogSiloFixture>
{
    [Fact]
    public async Task Under_overload_every_event_answered_as_accepted_is_applied_and_the_rest_get_503_with_Retry_After()
    {
        const int senders = 8, requestsPerSender = 15, eventsPerRequest = 60, accounts = 40;
        var prefix = Segment.NewAccount("flood");
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var retryAfterMissing = 0;
        var accepted = 0L;

        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            for (var r = 0; r < requestsPerSender; r++)
            {
                var messages = Enumerable.Range(0, eventsPerRequest)
                    .Select(i => Segment.Track($"{prefix}-{(sender * 7 + r * 3 + i) % accounts}", "Session Started", messageId: $"{sender}-{r}-{i}"))
                    .ToArray();
                var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(messages)));
                statuses.Add(response.StatusCode);
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Interlocked.Add(ref accepted, body.GetProperty("accepted").GetInt32());
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
                    Interlocked.Increment(ref retryAfterMissing);
            }
        })));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected {s}"));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(0, retryAfterMissing);

        // Every accepted event is applied: the per-account counts add up to exactly what was accepted.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long applied = 0;
        while (DateTime.UtcNow < deadline)
        {
            applied = 0;
            for (var a = 0; a < accounts; a++)
            {
                var response = await silo.Http.GetAsync($"/api/accounts/{prefix}-{a}");
                if (response.StatusCode == HttpStatusCode.OK)
                    applied += JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("eventsApplied").GetInt64();
            }
            if (applied >= accepted) break;
            await Task.Delay(100);
        }
        Assert.Equal(accepted, applied);
    }
}
