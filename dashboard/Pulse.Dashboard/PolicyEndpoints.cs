using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    public static void MapPolicyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/policy", async (IGrainFactory grains, HttpContext http) =>
        {
            var current = await grains.GetGrain<IPolicyGrain>(0).GetCurrent();
            http.Response.Headers["X-Policy-Version"] = current.Version;
            return Results.Text(current.Json, "application/json");
        });

        endpoints.MapGet("/api/policy/versions", async (IGrainFactory grains) =>
        {
            var history = await grains.GetGrain<IPolicyGrain>(0).History();
            var current = await grains.GetGrain<IPolicyGrain>(0).GetCurrent();
            return Results.Ok(new
            {
                current = current.Version,
                versions = history.Select(v => new { v.Version, v.PublishedAt, v.Author })
                    .Append(new { Version = DefaultPolicy.Version, PublishedAt = (DateTimeOffset?)null, Author = (string?)"shipped default" }),
            });
        });

        endpoints.MapGet("/api/policy/versions/{version}", async (string version, IGrainFactory grains) =>
        {
            if (version == DefaultPolicy.Version) return Results.Text(PolicyDocument.Serialize(DefaultPolicy.Create()), "application/json");
            var found = (await grains.GetGrain<IPolicyGrain>(0).History()).FirstOrDefault(v => v.Version == version);
            return found is null ? Results.NotFound(new { error = $"policy version '{version}' is not known" }) : Results.Text(found.Json, "application/json");
        });

        endpoints.MapGet("/api/policy/schema", () => Results.Text(PolicyJson.Schema().ToJsonString(PolicyJson.Options), "application/schema+json"));

        endpoints.MapPut("/api/policy", async (HttpContext http, IGrainFactory grains) =>
        {
            if (AdminAccess.Check(http) is { } denied) return denied;
            if (http.Request.ContentLength > PolicyDocument.MaxBytes)
                return Results.Json(new { error = $"a policy document is at most {PolicyDocument.MaxBytes / 1024} KB" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            // Read at most one character past the limit, whatever Content-Length says (chunked bodies have none).
            using var reader = new StreamReader(http.Request.Body);
            var buffer = new char[PolicyDocument.MaxBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), http.RequestAborted)) > 0) read += n;
            if (read > PolicyDocument.MaxBytes)
                return Results.Json(new { error = $"a policy document is at most {PolicyDocument.MaxBytes / 1024} KB" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            var json = new string(buffer, 0, read);
            var result = await grains.GetGrain<IPolicyGrain>(0).Publish(json, AdminAccess.Author(http));
            if (result.Accepted) return Results.Ok(new { version = result.Version, status = "published; silos apply it within seconds" });
            var body = new { error = "the policy was not published", errors = result.Errors };
            return result.VersionExists ? Results.Conflict(body) : Results.BadRequest(body);
        });
    }
}
