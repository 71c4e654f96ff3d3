using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pulse.Backtest.Tests;

/// <summary>
/// Builds small recorded streams line by line: Segment messages as a source would POST them, with deterministic ids
/// and times, so a test states exactly the evidence each account gets.
/// </summary>
public sealed class StreamFixture
{
    public static readonly DateTimeOffset Start = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<string> _lines = [];
    private int _next;

    public string Text => string.Join('\n', _lines) + "\n";
    public StringReader Reader() => new(Text);

    public StreamFixture Raw(string line) { _lines.Add(line); return this; }

    public StreamFixture Group(string accountId, string userId, DateTimeOffset at, object? traits = null) =>
        Add(new JsonObject
        {
            ["type"] = "group", ["groupId"] = accountId, ["userId"] = userId,
            ["traits"] = JsonSerializer.SerializeToNode(traits ?? new { tier = "tech-touch" }),
        }, at);

    /// <summary>A track call routed by <c>context.groupId</c> (or by the user alone when <paramref name="accountId"/> is null).</summary>
    public StreamFixture Track(string? accountId, string userId, string eventName, DateTimeOffset at, object? properties = null)
    {
        var message = new JsonObject
        {
            ["type"] = "track", ["userId"] = userId, ["event"] = eventName,
            ["properties"] = JsonSerializer.SerializeToNode(properties ?? new { }),
        };
        if (accountId is not null) message["context"] = new JsonObject { ["groupId"] = accountId };
        return Add(message, at);
    }

    /// <summary>An account that uses the product every day and pays on time: green or better under the default policy.</summary>
    public StreamFixture Healthy(string accountId, int days = 45)
    {
        var user = "u-" + accountId;
        Group(accountId, user, Start);
        for (var d = 0; d < days; d++)
        {
            var day = Start.AddDays(d).AddHours(1);
            Track(accountId, user, "Session Started", day, new { platform = "web" });
            Track(accountId, user, "Feature Used", day.AddMinutes(5), new { feature = "reports", key = true });
        }
        Track(accountId, user, "NPS Submitted", Start.AddDays(days - 2), new { score = 10 });
        return this;
    }

    /// <summary>An account that stopped using the product, fails payments, storms support and hates it: red.</summary>
    public StreamFixture Failing(string accountId, int days = 45)
    {
        var user = "u-" + accountId;
        Group(accountId, user, Start);
        for (var d = 0; d < 10; d++) Track(accountId, user, "Session Started", Start.AddDays(d).AddHours(1));
        var late = Start.AddDays(days - 8);
        for (var t = 0; t < 6; t++) Track(accountId, user, "Ticket Opened", late.AddHours(t), new { ticketId = $"{accountId}-t{t}", priority = "P1" });
        Track(accountId, user, "Invoice Issued", Start.AddDays(1), new { invoiceId = $"{accountId}-i1", amount = 100, dueDate = Start.AddDays(5).ToString("O") });
        Track(accountId, user, "Payment Failed", late, new { invoiceId = $"{accountId}-i1", amount = 100 });
        Track(accountId, user, "NPS Submitted", late.AddDays(1), new { score = 1 });
        return this;
    }

    private StreamFixture Add(JsonObject message, DateTimeOffset at)
    {
        message["messageId"] = $"m-{++_next:D5}";
        message["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        _lines.Add(message.ToJsonString());
        return this;
    }

    public static string Labels(params (string AccountId, string Outcome)[] labels) =>
        string.Join('\n', labels.Select(l => JsonSerializer.Serialize(new { accountId = l.AccountId, persona = "test", tier = "tech-touch", outcome = l.Outcome, at = "2026-12-01T00:00:00Z" }))) + "\n";
}
