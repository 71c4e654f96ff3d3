using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace Pulse.Dashboard;

/// <summary>
/// Documents a route's JSON request body without constraining it. <c>Accepts&lt;T&gt;()</c> would also make routing refuse
/// other content types with 415, yet these routes read the body whatever it is declared as: Segment's analytics.js
/// posts JSON as text/plain, and <c>curl --data-binary @policy.json</c> sends it as a form.
/// </summary>
public static class OpenApiBodies
{
    public static RouteHandlerBuilder DocumentJsonBody(this RouteHandlerBuilder route, string description, params string[] contentTypes) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = description,
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } }),
            };
            return Task.CompletedTask;
        });
}
