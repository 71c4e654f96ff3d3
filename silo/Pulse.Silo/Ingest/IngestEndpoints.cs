using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Dashboard;
using Pulse.Ingest.Segment;

namespace Pulse.Silo.Ingest;

/// <summary>The Segment HTTP tracking API paths (and the short aliases Segment's SDKs use).</summary>
public static class IngestEndpoints
{
    public const string Prefix = "/v1";

    private static readonly (string Path, string? Type)[] Routes =
    [
        ("/batch", null), ("/b", null), ("/import", null),
        ("/track", "track"), ("/t", "track"),
        ("/identify", "identify"), ("/i", "identify"),
        ("/group", "group"), ("/g", "group"),
        ("/page", "page"), ("/p", "page"),
        ("/screen", "screen"), ("/s", "screen"),
        ("/alias", "alias"), ("/a", "alias"),
    ];

    public const string CorsPolicy = "segment-ingest";

    public static IServiceCollection AddPulseIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountRouter>();
        services.TryAddSingleton<IUserLinkStore, InMemoryUserLinkStore>(); // the postgres profile registers the durable one first
        services.AddSingleton<AccountEventPublisher>();
        services.TryAddSingleton<IAccountEventSink>(sp => sp.GetRequiredService<AccountEventPublisher>());
        services.AddSingleton<IngestHandler>();
        services.AddRequestDecompression();
        // Browser SDKs (analytics.js) post cross-origin with text/plain bodies.
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST")));
        return services;
    }

    /// <summary>
    /// Maps the routes. They answer in Segment's own shape (<c>{success, error, accepted, rejected, errors}</c>), not
    /// problem details, so Segment's SDKs and tools read them; the handler writes every answer itself.
    /// </summary>
    public static IEndpointRouteBuilder MapPulseIngest(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup(Prefix)
            .RequireCors(CorsPolicy)
            .DisableAntiforgery()
            .WithTags("Ingest (Segment tracking API)");
        foreach (var (path, type) in Routes)
        {
            v1.MapPost(path, (HttpContext http, IngestHandler handler) => handler.HandleAsync(http, type))
                .DocumentJsonBody(type is null ? "{batch: [messages], sentAt?, writeKey?}" : $"One {type} message (writeKey in it or as the HTTP Basic username)",
                    "application/json", "text/plain")
                .Produces(StatusCodes.Status200OK, contentType: "application/json")
                .Produces(StatusCodes.Status207MultiStatus, contentType: "application/json")
                .Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
                .Produces(StatusCodes.Status401Unauthorized, contentType: "application/json")
                .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "application/json")
                .Produces(StatusCodes.Status503ServiceUnavailable, contentType: "application/json")
                .WithSummary(type is null ? "A batch of Segment messages of any type" : $"One Segment {type} message");
        }
        return endpoints;
    }
}
