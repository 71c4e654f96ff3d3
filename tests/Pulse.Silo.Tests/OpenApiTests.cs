using System.Text.Json.Nodes;

namespace Pulse.Silo.Tests;

/// <summary>The running silo publishes an OpenAPI document of its HTTP surface.</summary>
[Collection(SiloCollection.Name)]
public sealed class OpenApiTests(SiloFixture silo)
{
    [Fact]
    public async Task The_OpenAPI_document_lists_the_api_routes_and_the_Segment_ingest_routes()
    {
        var document = JsonNode.Parse(await silo.Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        (string Path, string Method)[] api =
        [
            ("/api/accounts/{id}", "get"), ("/api/accounts/{id}/explain", "get"),
            ("/api/accounts/{id}/override", "post"), ("/api/accounts/{id}/override", "delete"),
            ("/api/policy", "get"), ("/api/policy", "put"), ("/api/policy/versions", "get"),
            ("/api/policy/versions/{version}", "get"), ("/api/policy/schema", "get"), ("/api/wall", "get"),
        ];
        foreach (var (path, method) in api)
            Assert.True(paths[path]?[method] is not null, $"{method.ToUpperInvariant()} {path} is not in the document");
        foreach (var path in (string[])["/v1/batch", "/v1/b", "/v1/import", "/v1/track", "/v1/t", "/v1/identify", "/v1/i",
                     "/v1/group", "/v1/g", "/v1/page", "/v1/p", "/v1/screen", "/v1/s", "/v1/alias", "/v1/a"])
            Assert.True(paths[path]?["post"] is not null, $"POST {path} is not in the document");

        // /api errors are documented as problem details; the wall page's routes are not part of the API.
        Assert.NotNull(paths["/api/accounts/{id}"]!["get"]!["responses"]!["404"]!["content"]!["application/problem+json"]);
        Assert.DoesNotContain(paths, p => p.Key.Contains("{path}", StringComparison.Ordinal) || p.Key == "/");
    }
}
