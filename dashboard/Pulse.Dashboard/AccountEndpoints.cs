using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>The read API of one account, "why is it &lt;band&gt;?", and a person's manual override of its score.</summary>
internal static class AccountEndpoints
{
    /// <summary>The longest an override may hold: a manual score must come back to the evidence eventually (design).</summary>
    public static readonly TimeSpan MaxOverride = TimeSpan.FromDays(365);

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/accounts/{id}", async (string id, IGrainFactory grains) =>
        {
            if (BadId(id) is { } bad) return bad;
            var view = await grains.GetGrain<IAccountGrain>(id).GetView();
            return view is null ? NotSeen(id) : Results.Ok(view);
        });

        endpoints.MapGet("/api/accounts/{id}/explain", async (string id, string? format, HttpContext http, IGrainFactory grains) =>
        {
            if (BadId(id) is { } bad) return bad;
            var explanation = await grains.GetGrain<IAccountGrain>(id).Explain();
            if (explanation is null) return NotSeen(id);
            var wantsText = string.Equals(format, "text", StringComparison.OrdinalIgnoreCase)
                || (format is null && http.Request.Headers.Accept.ToString().StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
            return wantsText ? Results.Text(AsText(explanation), "text/plain; charset=utf-8") : Results.Ok(explanation);
        });

        endpoints.MapPost("/api/accounts/{id}/override", async (string id, OverrideRequest? request, HttpContext http, IGrainFactory grains, TimeProvider clock) =>
        {
            if (AdminAccess.Check(http) is { } denied) return denied;
            if (BadId(id) is { } bad) return bad;
            if (request is null) return Results.BadRequest(new { error = "the body must be JSON: {score, reason, author, expiresAt}" });
            var errors = Validate(request, clock.GetUtcNow());
            if (errors.Count > 0) return Results.BadRequest(new { error = "the override was not applied", errors });
            var view = await grains.GetGrain<IAccountGrain>(id).SetOverride(request with { Author = request.Author.Trim(), Reason = request.Reason.Trim() });
            return view is null ? NotSeen(id) : Results.Ok(view);
        });

        endpoints.MapDelete("/api/accounts/{id}/override", async (string id, string? author, HttpContext http, IGrainFactory grains) =>
        {
            if (AdminAccess.Check(http) is { } denied) return denied;
            if (BadId(id) is { } bad) return bad;
            var view = await grains.GetGrain<IAccountGrain>(id).ClearOverride(AdminAccess.Author(http, author));
            return view is null ? NotSeen(id) : Results.Ok(view);
        });
    }

    private static List<object> Validate(OverrideRequest r, DateTimeOffset now)
    {
        var errors = new List<object>();
        if (r.Score is not { } score || !double.IsFinite(score) || score is < 0 or > 100) errors.Add(new { field = "score", message = "is required: a number from 0 to 100" });
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Length > 500) errors.Add(new { field = "reason", message = "is required (1–500 characters): say why" });
        if (string.IsNullOrWhiteSpace(r.Author) || r.Author.Length > 100) errors.Add(new { field = "author", message = "is required (1–100 characters): who is overriding" });
        if (r.ExpiresAt <= now) errors.Add(new { field = "expiresAt", message = "must be in the future (ISO-8601, e.g. 2026-12-31T00:00:00Z)" });
        else if (r.ExpiresAt - now > MaxOverride) errors.Add(new { field = "expiresAt", message = $"must be within {MaxOverride.TotalDays:0} days" });
        return errors;
    }

    private static string AsText(AccountExplanationView e)
    {
        var text = new StringBuilder().AppendLine(e.Summary).AppendLine();
        text.AppendLine("Components (points held back of 100):");
        foreach (var c in e.Components)
            text.AppendLine($"  {c.Component,-16} {(c.Score is { } s ? s.ToString("0.0") : "no data"),8}  −{c.PointsBelowFull,5:0.0}  {c.Reading}  [{c.Rule}]");
        if (e.LargestChanges.Count > 0)
        {
            text.AppendLine().AppendLine("Largest recent changes:");
            foreach (var change in e.LargestChanges)
            {
                text.AppendLine($"  {change.Delta,6:+0.0;-0.0}  {change.At:yyyy-MM-dd HH:mm}  {change.EventName} ({change.EventId})  policy {change.PolicyVersion}");
                foreach (var c in change.Contributions) text.AppendLine($"          {c.ScoreDelta,6:+0.00;-0.00} {c.Component}: {c.Rule}");
            }
        }
        return text.ToString();
    }

    private static IResult? BadId(string id) =>
        AccountIdRules.IsValid(id) ? null : Results.BadRequest(new { error = $"account id must be 1–{AccountIdRules.MaxLength} characters" });

    private static IResult NotSeen(string id) => Results.NotFound(new { error = $"account '{id}' has never been seen" });
}
