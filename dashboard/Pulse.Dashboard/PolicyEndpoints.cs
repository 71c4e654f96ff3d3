using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Policy;

namespace Pulse.Dashboard;

/// <summary>
/// The scoring policy at run time (docs/architecture.md §4.3): read the version in force, its history and the schema; publish a
/// new version with PUT. Silos pick a published version up within seconds and re-evaluate their active accounts.
/// </summary>
internal static class PolicyEndpoints
{
    private const string Json = "application/json";

    public static RouteGroupBuilder MapPolicyEndpoints(this IEndpointRouteBuilder api)
    {
        var policy = api.MapGroup("/policy").WithTags("Policy");
        policy.MapGet("", GetCurrentAsync)
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .WithSummary("The policy document in force (its version in the X-Policy-Version header)");
        policy.MapGet("/versions", VersionsAsync)
            .WithSummary("The version in force and every version known, newest first");
        policy.MapGet("/versions/{version}", VersionAsync)
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One version's policy document");
        policy.MapGet("/schema", () => TypedResults.Text(PolicyJson.Schema().ToJsonString(PolicyJson.Options), "application/schema+json"))
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json")
            .WithSummary("The JSON schema of a policy document");
        policy.MapPut("", PublishAsync).RequireAdmin()
            .DocumentJsonBody("A policy document (its schema: GET /api/policy/schema)", Json)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Publishes a new policy version (the author in the X-Pulse-Author header); silos apply it within seconds");
        return policy;
    }

    private static async Task<ContentHttpResult> GetCurrentAsync(IGrainFactory grains, HttpResponse response)
    {
        var current = await grains.GetGrain<IPolicyGrain>(0).GetCurrent();
        response.Headers["X-Policy-Version"] = current.Version;
        return TypedResults.Text(current.Json, Json);
    }

    private static async Task<Ok<PolicyVersions>> VersionsAsync(IGrainFactory grains)
    {
        var history = await grains.GetGrain<IPolicyGrain>(0).History();
        var current = await grains.GetGrain<IPolicyGrain>(0).GetCurrent();
        return TypedResults.Ok(new PolicyVersions(current.Version,
        [
            .. history.Select(v => new PolicyVersionSummary(v.Version, v.PublishedAt, v.Author)),
            new PolicyVersionSummary(DefaultPolicy.Version, null, "shipped default"),
        ]));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> VersionAsync(string version, IGrainFactory grains)
    {
        if (version == DefaultPolicy.Version) return TypedResults.Text(PolicyDocument.Serialize(DefaultPolicy.Create()), Json);
        var found = (await grains.GetGrain<IPolicyGrain>(0).History()).FirstOrDefault(v => v.Version == version);
        return found is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, $"policy version '{version}' is not known")
            : TypedResults.Text(found.Json, Json);
    }

    private static async Task<Results<Ok<PolicyPublished>, ValidationProblem, ProblemHttpResult>> PublishAsync(HttpContext http, IGrainFactory grains)
    {
        var tooLarge = $"a policy document is at most {PolicyDocument.MaxBytes / 1024} KB";
        if (http.Request.ContentLength > PolicyDocument.MaxBytes) return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, tooLarge);
        // Read at most one character past the limit, whatever Content-Length says (chunked bodies have none).
        using var reader = new StreamReader(http.Request.Body);
        var buffer = new char[PolicyDocument.MaxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), http.RequestAborted)) > 0) read += n;
        if (read > PolicyDocument.MaxBytes) return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, tooLarge);
        var json = new string(buffer, 0, read);
        var result = await grains.GetGrain<IPolicyGrain>(0).Publish(json, AdminAccess.Author(http));
        if (result.Accepted) return TypedResults.Ok(new PolicyPublished(result.Version!, "published; silos apply it within seconds"));
        if (result.VersionExists)
            return ApiProblems.Problem(StatusCodes.Status409Conflict, string.Join("; ", result.Errors.Select(e => e.Message)));
        var errors = result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return ApiProblems.Invalid("the policy was not published", errors, ": ");
    }
}

/// <summary>The answer of <c>GET /api/policy/versions</c>: the version in force and every version known, newest first.</summary>
internal sealed record PolicyVersions(string Current, IReadOnlyList<PolicyVersionSummary> Versions);

/// <summary>One published version (the shipped default has no publication time).</summary>
internal sealed record PolicyVersionSummary(string Version, DateTimeOffset? PublishedAt, string? Author);

/// <summary>The answer of a successful <c>PUT /api/policy</c>.</summary>
internal sealed record PolicyPublished(string Version, string Status);
