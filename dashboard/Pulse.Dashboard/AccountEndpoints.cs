using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>The read API of one account, "why is it &lt;band&gt;?", and a person's manual override of its score.</summary>
internal static class AccountEndpoints
{
    /// <summary>The longest an override may hold: a manual score must come back to the evidence eventually (design).</summary>
    public static readonly TimeSpan MaxOverride = TimeSpan.FromDays(365);

    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapGet("/{id}", GetAsync)
            .WithSummary("An account's health: score, band, components, alerts and recent changes");
        accounts.MapGet("/{id}/explain", ExplainAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("Why the account has its band: components, rules and the events that moved it (format=text for plain text)");
        accounts.MapPost("/{id}/override", SetOverrideAsync).RequireAdmin()
            .WithSummary("Overrides the account's score by hand, with a reason, an author and an expiry");
        accounts.MapDelete("/{id}/override", ClearOverrideAsync).RequireAdmin()
            .WithSummary("Removes a manual override; the score follows the evidence again");
        return accounts;
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains)
    {
        if (BadId(id) is { } bad) return bad;
        var view = await grains.GetGrain<IAccountGrain>(id).GetView();
        return view is null ? NotSeen(id) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<AccountExplanationView>, ContentHttpResult, ProblemHttpResult>> ExplainAsync(
        string id, string? format, HttpRequest request, IGrainFactory grains)
    {
        if (BadId(id) is { } bad) return bad;
        var explanation = await grains.GetGrain<IAccountGrain>(id).Explain();
        if (explanation is null) return NotSeen(id);
        var wantsText = string.Equals(format, "text", StringComparison.OrdinalIgnoreCase)
            || (format is null && request.Headers.Accept.ToString().StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
        return wantsText ? TypedResults.Text(AsText(explanation), "text/plain; charset=utf-8") : TypedResults.Ok(explanation);
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> SetOverrideAsync(
        string id, OverrideRequest? request, IGrainFactory grains, TimeProvider clock)
    {
        if (BadId(id) is { } bad) return bad;
        if (request is null) return ApiProblems.Problem(StatusCodes.Status400BadRequest, "the body must be JSON: {score, reason, author, expiresAt}");
        var errors = Validate(request, clock.GetUtcNow());
        if (errors.Count > 0) return ApiProblems.Invalid("the override was not applied", errors, " ");
        var view = await grains.GetGrain<IAccountGrain>(id).SetOverride(request with { Author = request.Author.Trim(), Reason = request.Reason.Trim() });
        return view is null ? NotSeen(id) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> ClearOverrideAsync(string id, string? author, HttpContext http, IGrainFactory grains)
    {
        if (BadId(id) is { } bad) return bad;
        var view = await grains.GetGrain<IAccountGrain>(id).ClearOverride(AdminAccess.Author(http, author));
        return view is null ? NotSeen(id) : TypedResults.Ok(view);
    }

    /// <summary>What is wrong with each field of the request, in the request's field order; empty when nothing is.</summary>
    private static Dictionary<string, string[]> Validate(OverrideRequest r, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (r.Score is not { } score || !double.IsFinite(score) || score is < 0 or > 100) errors["score"] = ["is required: a number from 0 to 100"];
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Length > 500) errors["reason"] = ["is required (1–500 characters): say why"];
        if (string.IsNullOrWhiteSpace(r.Author) || r.Author.Length > 100) errors["author"] = ["is required (1–100 characters): who is overriding"];
        if (r.ExpiresAt <= now) errors["expiresAt"] = ["must be in the future (ISO-8601, e.g. 2026-12-31T00:00:00Z)"];
        else if (r.ExpiresAt - now > MaxOverride) errors["expiresAt"] = [$"must be within {MaxOverride.TotalDays:0} days"];
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

    private static ProblemHttpResult? BadId(string id) =>
        AccountIdRules.IsValid(id) ? null : ApiProblems.Problem(StatusCodes.Status400BadRequest, $"account id must be 1–{AccountIdRules.MaxLength} characters");

    private static ProblemHttpResult NotSeen(string id) => ApiProblems.Problem(StatusCodes.Status404NotFound, $"account '{id}' has never been seen");
}
