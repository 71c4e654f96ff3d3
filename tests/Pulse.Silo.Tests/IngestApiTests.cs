using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pulse.Silo.Ingest;

namespace Pulse.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class IngestApiTests(SiloFixture silo)
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_valid_batch_is_accepted_and_changes_the_account()
    {
        var account = Segment.NewAccount("valid");
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Group(account, "u-1", new { name = "Valid Co", tier = "high-touch", arr = 48000, seats = 40 }),
            Segment.Track(account, "Session Started", new { platform = "web" }),
            Segment.Track(account, "Feature Used", new { feature = "reports", key = true }),
            Segment.Track(account, "NPS Submitted", new { score = 10 }))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(4, body.GetProperty("accepted").GetInt32());

        var view = await silo.WaitForAccountAsync(account, 4);
        Assert.Equal("Valid Co", view.Name);
        Assert.Equal("high-touch", view.Tier);
        Assert.Equal(48000, view.Arr);
        Assert.Equal(100, view.Components["voiceOfCustomer"]);
        Assert.InRange(view.Score, 0, 100);
        Assert.NotEmpty(view.Explanation);
    }

    [Fact]
    public async Task Single_message_endpoints_and_user_links_route_to_the_grouped_account()
    {
        var account = Segment.NewAccount("linked");
        var user = "linked-user-" + Guid.NewGuid().ToString("N")[..8];
        var group = await silo.Http.SendAsync(silo.Post("/v1/group", JsonSerializer.Serialize(Segment.Group(account, user, new { name = "Linked" }))));
        Assert.Equal(HttpStatusCode.OK, group.StatusCode);

        // No groupId: the user's earlier group call decides the account.
        var track = await silo.Http.SendAsync(silo.Post("/v1/track", JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid().ToString(), userId = user, @event = "Session Started", timestamp = DateTimeOffset.UtcNow.ToString("O"),
        })));
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        var view = await silo.WaitForAccountAsync(account, 2);
        Assert.Equal("Linked", view.Name);
        Assert.NotNull(view.Components["adoption"]);
    }

    [Fact]
    public async Task A_curl_style_event_changes_the_score_visible_in_the_read_api()
    {
        var account = Segment.NewAccount("curl");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"))));
        var first = await silo.WaitForAccountAsync(account, 1);

        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Track(account, "Payment Failed", new { invoiceId = "inv-1", amount = 99 }))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = await silo.WaitForAccountAsync(account, 2);

        Assert.True(second.Score < first.Score, $"score {second.Score} should fall below {first.Score} after a failed payment");
        Assert.Contains(second.Explanation, e => e.EventName == "Payment Failed" && e.Contributions.Any(c => c.Component == "payment"));
        Assert.Contains(second.Alerts, a => a.Rule == "payment-failed");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_problem()
    {
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", "{\"batch\": [ {\"type\": \"track\", "));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("malformed JSON", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_without_a_batch_array_is_a_400()
    {
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", "{\"messages\": []}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'batch' array", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_partly_bad_batch_answers_207_with_per_index_reasons_and_applies_the_good_events()
    {
        var account = Segment.NewAccount("partial");
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Track(account, "Session Started"),
            Segment.Track(account, "Feature Used", new { key = true }),                 // missing feature
            Segment.Track(account, "NPS Submitted", new { score = 14 }),                // out of range
            new { type = "track", messageId = "no-route", @event = "Page Viewed" },     // no account, no user
            Segment.Track(account, "Ticket Opened", new { ticketId = "t-1", priority = "P2" }),
            Segment.Track(account, "CES Submitted", new { score = 9 }))));                 // out of range (1–7)

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var body = await Json(response);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(4, body.GetProperty("rejected").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("reason").GetString());
        Assert.Equal([1, 2, 3, 5], errors.Keys.Order());
        Assert.Contains("1 to 7", errors[5]);
        Assert.Contains("properties.feature", errors[1]);
        Assert.Contains("0 to 10", errors[2]);
        Assert.Contains("no account id", errors[3]);

        var view = await silo.WaitForAccountAsync(account, 2);
        Assert.Equal(2, view.EventsApplied);
        Assert.Equal(100, view.Components["support"]);
    }

    [Fact]
    public async Task A_batch_of_only_bad_events_is_a_400_with_every_reason()
    {
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            new { type = "track", messageId = "x1", @event = "Session Started" },
            new { type = "alias", messageId = "x2", userId = "a", previousId = "b" })));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains("no account id", errors[0]);
        Assert.Contains("alias", errors[1]);
    }

    [Fact]
    public async Task A_batch_over_500_KB_is_refused_with_413_and_nothing_applied()
    {
        var account = Segment.NewAccount("oversize");
        var filler = new string('x', 20_000);
        var messages = Enumerable.Range(0, 30).Select(i => Segment.Track(account, "Page Viewed", new { page = filler })).ToArray();
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(messages)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("500 KB", (await Json(response)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync($"/api/accounts/{account}")).StatusCode);
    }

    [Fact]
    public async Task A_message_over_32_KB_is_rejected_by_index_while_the_rest_is_applied()
    {
        var account = Segment.NewAccount("bigmsg");
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Track(account, "Page Viewed", new { page = new string('y', 40_000) }),
            Segment.Track(account, "Session Started"))));
        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var error = (await Json(response)).GetProperty("errors")[0];
        Assert.Equal(0, error.GetProperty("index").GetInt32());
        Assert.Contains("32 KB", error.GetProperty("reason").GetString());
        Assert.Equal(1, (await silo.WaitForAccountAsync(account, 1)).EventsApplied);
    }

    [Theory]
    [InlineData(null, "missing write key")]
    [InlineData("wrong-key", "unknown write key")]
    public async Task A_missing_or_unknown_write_key_is_a_401(string? key, string expected)
    {
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track("acct-401", "Session Started")), key));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(expected, (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_write_key_may_come_in_the_body_as_analytics_js_sends_it()
    {
        var account = Segment.NewAccount("bodykey");
        var json = JsonSerializer.Serialize(new { writeKey = SiloFixture.WriteKey, batch = new[] { Segment.Track(account, "Session Started") } });
        var request = silo.Post("/v1/batch", json, writeKey: null);
        request.Content = new StringContent(json, Encoding.UTF8, "text/plain");
        var response = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted()
    {
        var account = Segment.NewAccount("gzip");
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Segment.Batch(Segment.Track(account, "Session Started"))));
        var request = silo.Post("/v1/batch", "");
        request.Content = new ByteArrayContent(compressed.ToArray());
        request.Content.Headers.ContentType = new("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.SendAsync(request)).StatusCode);
        await silo.WaitForAccountAsync(account, 1);
    }

    [Fact]
    public async Task A_gzip_header_on_a_body_that_is_not_gzip_is_a_400_naming_the_encoding()
    {
        var request = silo.Post("/v1/batch", Segment.Batch(Segment.Track(Segment.NewAccount("not-gzip"), "Session Started")));
        request.Content!.Headers.ContentEncoding.Add("gzip");
        var response = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("does not decompress as its Content-Encoding says"), text);
    }

    [Fact]
    public async Task A_sentAt_and_timestamp_too_far_apart_for_skew_correction_are_a_400_naming_them()
    {
        const string body = """{"batch":[{"type":"track","messageId":"skew-1","userId":"u-skew","event":"Session Started","timestamp":"9999-12-31T23:59:59Z","sentAt":"0001-01-01T00:00:00Z"}]}""";
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("sentAt and timestamp are too far apart"), text);
    }

    [Fact]
    public async Task A_full_backlog_answers_503_with_Retry_After_and_accepts_nothing()
    {
        var backlog = silo.App.Services.GetRequiredService<IngestBacklog>();
        var account = Segment.NewAccount("backpressure");
        // Occupy the whole backlog as if accounts had fallen behind.
        Assert.True(backlog.TryAdmit((int)backlog.Limit));
        try
        {
            var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started", messageId: "bp-1"))));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Equal(0, (await Json(response)).GetProperty("accepted").GetInt32());
        }
        finally
        {
            backlog.Release((int)backlog.Limit);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync($"/api/accounts/{account}")).StatusCode);

        // The same request retried once there is room is accepted and applied once.
        var retry = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started", messageId: "bp-1"))));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (await silo.WaitForAccountAsync(account, 1)).EventsApplied);
    }

    [Fact]
    public async Task Unknown_accounts_are_404_in_the_read_api()
    {
        var response = await silo.Http.GetAsync("/api/accounts/never-seen-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
