using System.Net.Http.Json;
using System.Text.Json;
using Pulse.Health.Contracts;

namespace Pulse.Silo.Tests.Browser;

/// <summary>The wall in a real headless Chromium: it connects, shows the cluster's numbers, and moves live.</summary>
[Trait("Category", "Integration")] // needs a headless Chromium
[Collection(SiloCollection.Name)]
public sealed class WallPageBrowserTests(SiloFixture silo)
{
    private const string AccountsShown = "document.getElementById('k-accounts')?.textContent";
    private const string ConnectionState = "document.getElementById('conn')?.dataset.state";
    private const string DrawerEvents = "document.getElementById('d-events')?.textContent";
    private const string DrawerId = "document.getElementById('d-id')?.textContent";

    private static long Digits(JsonElement text) => long.Parse(new string(text.GetString()!.Where(char.IsDigit).ToArray()));

    private async Task<long> AccountsOnWallAsync() => (await silo.Http.GetFromJsonAsync<WallFrame>("/api/wall"))!.Totals.Accounts;

    [Fact]
    public async Task The_wall_shows_the_cluster_and_moves_live_as_events_arrive()
    {
        var watched = Segment.NewAccount("browser");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(
            Segment.Group(watched, "browser-user", new { name = "Browser Co", arr = 1200 }),
            Segment.Track(watched, "Session Started"))));
        await silo.WaitForAccountAsync(watched, 2);
        await Task.Delay(600); // let the 250 ms wall flush and frame publish pass
        var accounts = await AccountsOnWallAsync();

        await using var browser = await HeadlessChromium.OpenAsync(new Uri(silo.BaseAddress, "/#account=" + watched));
        await browser.WaitForAsync(ConnectionState, v => v.GetString() == "connected", TimeSpan.FromSeconds(20));
        await browser.WaitForAsync(AccountsShown, v => Digits(v) == accounts, TimeSpan.FromSeconds(10));
        // The histogram's bands and edges come from the frame (the default policy's 50 / 70 / 85 here), not from the page.
        var edges = (await silo.Http.GetFromJsonAsync<WallFrame>("/api/wall"))!.Bands;
        var expected = string.Join(",", Enumerable.Range(0, 20).Select(i => edges.Last(b => i * 5 >= b.From).Band));
        await browser.WaitForAsync("[...document.querySelectorAll('#hist .hbar')].map(b => b.dataset.band).join(',')",
            v => v.GetString() == expected, TimeSpan.FromSeconds(10));
        var axis = await browser.EvaluateAsync("[...document.querySelectorAll('#hist-axis span')].map(s => s.textContent).join(',')");
        Assert.Equal(string.Join(",", edges.Select(b => b.From).Where(f => f > 0).Prepend(0).Append(100)), axis.GetString());
        await browser.WaitForAsync(DrawerId, v => v.GetString() == watched, TimeSpan.FromSeconds(10));
        await browser.WaitForAsync(DrawerEvents, v => v.GetString() == "2", TimeSpan.FromSeconds(10));

        // New accounts and an event on the watched account, while the page stays open.
        var fresh = Enumerable.Range(0, 3).Select(i => Segment.Track(Segment.NewAccount("browser-new"), "Session Started")).ToList();
        fresh.Add(Segment.Track(watched, "Ticket Opened", new { ticketId = "b-1", priority = "P2" }));
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch([.. fresh])));

        var shown = await browser.WaitForAsync(AccountsShown, v => Digits(v) >= accounts + 3, TimeSpan.FromSeconds(10));
        Assert.True(Digits(shown) >= accounts + 3);
        await browser.WaitForAsync(DrawerEvents, v => v.GetString() == "3", TimeSpan.FromSeconds(10));
        var support = await browser.EvaluateAsync(
            "[...document.querySelectorAll('#d-comps .comp')].map(r => r.children[0].textContent + '=' + r.children[2].textContent).join(';')");
        Assert.Contains("Support=100", support.GetString());

        // The drill-down says why the account is in its band, from /explain.
        var why = await browser.WaitForAsync("document.getElementById('d-why')?.textContent",
            v => v.GetString()!.StartsWith(watched + " is ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("(policy ", why.GetString());
        var trend = await browser.EvaluateAsync("document.getElementById('d-trend').textContent");
        Assert.Matches("^[\u2197\u2198\u2192] ", trend.GetString()!);
    }

    [Fact]
    public async Task Searching_an_unknown_account_says_it_was_not_found()
    {
        await using var browser = await HeadlessChromium.OpenAsync(new Uri(silo.BaseAddress, "/"));
        await browser.WaitForAsync(ConnectionState, v => v.GetString() == "connected", TimeSpan.FromSeconds(20));
        await browser.EvaluateAsync("""
            (() => { const i = document.getElementById('search-input'); i.value = 'no-such-account';
              i.form ? i.form.requestSubmit() : i.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); })()
            """);
        var message = await browser.WaitForAsync("document.getElementById('search-msg')?.textContent",
            v => v.GetString()!.Contains("not found", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(10));
        Assert.Contains("no-such-account", message.GetString());
    }
}
