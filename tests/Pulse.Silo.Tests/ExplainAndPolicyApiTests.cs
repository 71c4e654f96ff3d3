using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;

namespace Pulse.Silo.Tests;

/// <summary>"Why is this account red?", the live scoring policy and manual overrides, over HTTP against the real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class ExplainAndPolicyApiTests(SiloFixture silo)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Six weeks of daily use that then stops, a failed payment, a detractor and a support storm.</summary>
    private async Task<string> AccountThatWentRedAsync()
    {
        var account = Segment.NewAccount("went-red");
        var now = DateTimeOffset.UtcNow;
        var messages = new List<object> { Segment.Group(account, "u-1", new { name = "Fading Co", tier = "low-touch", arr = 30000 }) };
        for (var d = 70; d >= 26; d--)
            messages.Add(Segment.Track(account, "Session Started", new { platform = "web" }, at: now.AddDays(-d)));
        messages.Add(Segment.Track(account, "Invoice Issued", new { invoiceId = "inv-1", amount = 2500, dueDate = now.AddDays(10).ToString("O") }, "red-inv", now.AddDays(-20)));
        messages.Add(Segment.Track(account, "Payment Failed", new { invoiceId = "inv-1" }, "red-failed", now.AddDays(-2)));
        messages.Add(Segment.Track(account, "NPS Submitted", new { score = 1 }, "red-nps", now.AddDays(-1)));
        for (var t = 0; t < 6; t++)
            messages.Add(Segment.Track(account, "Ticket Opened", new { ticketId = "t" + t, priority = "P1" }, "red-t" + t, now.AddHours(-10 + t)));
        var response = await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch([.. messages])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await silo.WaitForAccountAsync(account, messages.Count);
        Assert.Equal(Band.Red, view.Band);
        return account;
    }

    [Fact]
    public async Task Bands_travel_by_name_and_the_wall_carries_the_band_edges_of_the_policy_in_force()
    {
        var account = Segment.NewAccount("band-json");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"))));
        await silo.WaitForAccountAsync(account, 1);
        var view = JsonNode.Parse(await silo.Http.GetStringAsync($"/api/accounts/{account}"))!;
        Assert.Contains(view["band"]!.GetValue<string>(), Enum.GetNames<Band>());

        var policy = JsonNode.Parse(await silo.Http.GetStringAsync("/api/policy"))!;
        double[] edges = [0, policy["yellowFrom"]!.GetValue<double>(), policy["greenFrom"]!.GetValue<double>(), policy["advocateFrom"]!.GetValue<double>()];
        JsonArray bands = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            bands = JsonNode.Parse(await silo.Http.GetStringAsync("/api/wall"))!["bands"]!.AsArray();
            if (bands.Select(b => b!["from"]!.GetValue<double>()).SequenceEqual(edges)) break; // silos pick a new policy up within seconds
        }
        Assert.Equal(Enum.GetNames<Band>(), bands.Select(b => b!["band"]!.GetValue<string>()));
        Assert.Equal(edges, bands.Select(b => b!["from"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Explain_names_the_components_events_and_rules_that_made_an_account_red()
    {
        var account = await AccountThatWentRedAsync();

        var explanation = await silo.Http.GetFromJsonAsync<AccountExplanationView>($"/api/accounts/{account}/explain", Web);
        Assert.Equal(Band.Red, explanation!.Band);
        Assert.Equal(DefaultPolicy.Version, explanation.PolicyVersion.StartsWith("default", StringComparison.Ordinal) ? DefaultPolicy.Version : explanation.PolicyVersion);
        Assert.StartsWith($"{account} is Red at ", explanation.Summary);

        // Components, largest cost first; their costs add up to what separates the score from 100.
        Assert.True(explanation.Components.Zip(explanation.Components.Skip(1)).All(p => p.First.PointsBelowFull >= p.Second.PointsBelowFull));
        Assert.Equal(100 - explanation.UncappedScore, explanation.Components.Sum(c => c.PointsBelowFull), 0.2);
        Assert.Equal("adoption", explanation.Components[0].Component); // usage stopped: the heaviest component, worst hit
        // Active days and events per day both fell to nothing against the account's own baseline: either reading names it.
        Assert.Matches("^usage\\.(active-days|events-per-day)-vs-own-baseline$", explanation.Components[0].Rule);
        Assert.Contains(explanation.Components, c => c.Component == "payment" && c.Rule.StartsWith("payment.", StringComparison.Ordinal) && c.PointsBelowFull > 3);
        Assert.Contains(explanation.Components, c => c.Component == "voiceOfCustomer" && c.Rule == "voice.nps-detractor");

        // The ledger names the events (by messageId) and rules that moved it, largest first.
        Assert.Contains(explanation.LargestChanges, e => e.EventId == "red-failed" && e.EventName == "Payment Failed" && e.Delta < 0
            && e.Contributions.Any(c => c.Component == "payment" && c.Rule.StartsWith("payment.", StringComparison.Ordinal)));
        Assert.Contains(explanation.LargestChanges, e => e.EventId == "red-nps" && e.Contributions.Any(c => c.Rule.StartsWith("voice.nps-detractor", StringComparison.Ordinal)));
        Assert.True(Math.Abs(explanation.LargestChanges[0].Delta) >= Math.Abs(explanation.LargestChanges[^1].Delta));
        Assert.Contains("Holding it down: adoption", explanation.Summary);
        Assert.Contains("Largest recent moves:", explanation.Summary);

        var text = await silo.Http.GetStringAsync($"/api/accounts/{account}/explain?format=text");
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "pulse-explain-sample.txt"), text);
        Assert.Contains("Components (points held back of 100):", text);
        Assert.Contains("Payment Failed (red-failed)", text);
    }

    [Fact]
    public async Task Explain_for_an_unknown_account_is_404()
    {
        var response = await silo.Http.GetAsync("/api/accounts/never-seen-" + Guid.NewGuid().ToString("N") + "/explain");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_policy_is_rejected_naming_each_field_and_nothing_changes()
    {
        var before = await silo.Http.GetAsync("/api/policy");
        var versionBefore = before.Headers.GetValues("X-Policy-Version").Single();

        var doc = JsonNode.Parse(await before.Content.ReadAsStringAsync())!.AsObject();
        doc["version"] = "bad-" + Guid.NewGuid().ToString("N")[..6];
        doc["tiers"]!["b2c"]!["weights"]!["adoption"] = -1;
        doc["greenFrom"] = 200;
        var response = await silo.Http.PutAsync("/api/policy", new StringContent(doc.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = body["errors"]!.AsObject().Select(e => e.Key).ToArray(); // a validation problem: path → messages
        Assert.Contains("tiers.b2c.weights.adoption", paths);
        Assert.Contains("greenFrom", paths);

        var unknownField = await silo.Http.PutAsync("/api/policy", new StringContent("""{"version":"x1","tiers":{"tech-touch":{"weights":{"adoption":1}}},"wieghts":1}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("wieghts", await unknownField.Content.ReadAsStringAsync());

        var after = await silo.Http.GetAsync("/api/policy");
        Assert.Equal(versionBefore, after.Headers.GetValues("X-Policy-Version").Single());
    }

    [Fact]
    public async Task A_published_policy_is_served_and_reaches_live_accounts_within_seconds()
    {
        var account = Segment.NewAccount("policy-live");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"))));
        await silo.WaitForAccountAsync(account, 1);

        // The same weights as now (other tests share this silo), a new version and a different mover threshold.
        var current = JsonNode.Parse(await silo.Http.GetStringAsync("/api/policy"))!.AsObject();
        var version = "ops-" + Guid.NewGuid().ToString("N")[..8];
        current["version"] = version;
        current["moverThreshold"] = 4;
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/policy") { Content = new StringContent(current.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.Add("X-Pulse-Author", "ops-tester");
        var published = await silo.Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var served = await silo.Http.GetAsync("/api/policy");
        Assert.Equal(version, served.Headers.GetValues("X-Policy-Version").Single());
        var versions = JsonNode.Parse(await silo.Http.GetStringAsync("/api/policy/versions"))!;
        Assert.Contains(versions["versions"]!.AsArray(), v => v!["version"]!.GetValue<string>() == version && v["author"]!.GetValue<string>() == "ops-tester");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        AccountView? view = null;
        while (DateTime.UtcNow < deadline && view?.PolicyVersion != version)
        {
            view = await silo.Http.GetFromJsonAsync<AccountView>($"/api/accounts/{account}", Web);
            await Task.Delay(100);
        }
        Assert.Equal(version, view!.PolicyVersion); // no event was sent after publishing: the silo re-evaluated it

        var duplicate = await silo.Http.PutAsync("/api/policy", new StringContent(current.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var schema = JsonNode.Parse(await silo.Http.GetStringAsync("/api/policy/schema"))!;
        Assert.NotNull(schema["properties"]!["tiers"]);
    }

    [Fact]
    public async Task An_override_is_validated_applied_with_its_reason_and_removed()
    {
        var account = Segment.NewAccount("override");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"))));
        var before = await silo.WaitForAccountAsync(account, 1);

        var bad = await silo.Http.PostAsJsonAsync($"/api/accounts/{account}/override", new { score = 140, reason = "", author = "bob", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var fields = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key).ToArray(); // field → messages
        Assert.Equal(["score", "reason", "expiresAt"], fields);

        var noScore = await silo.Http.PostAsJsonAsync($"/api/accounts/{account}/override",
            new { reason = "forgot the score", author = "bob", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal(HttpStatusCode.BadRequest, noScore.StatusCode); // not read as a score of 0
        Assert.Contains("\"score\"", await noScore.Content.ReadAsStringAsync());

        var ok = await silo.Http.PostAsJsonAsync($"/api/accounts/{account}/override",
            new { score = 90, reason = "signed a 3-year renewal offline", author = "bob", expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var overridden = await ok.Content.ReadFromJsonAsync<AccountView>(Web);
        Assert.Equal(90, overridden!.Score);
        Assert.Equal(Band.Advocate, overridden.Band);
        Assert.Equal(before.Score, overridden.ComputedScore);
        Assert.Equal("signed a 3-year renewal offline", overridden.Override!.Reason);

        var explanation = await silo.Http.GetFromJsonAsync<AccountExplanationView>($"/api/accounts/{account}/explain", Web);
        Assert.Contains("set by hand by bob", explanation!.Summary);

        var removed = await silo.Http.DeleteAsync($"/api/accounts/{account}/override?author=bob");
        var view = await removed.Content.ReadFromJsonAsync<AccountView>(Web);
        Assert.Null(view!.Override);
        Assert.Equal(before.Score, view.Score);
        Assert.Contains(view.Explanation, e => e.EventName == "manual override removed by bob");
    }
}
