using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Ingest.Segment;

namespace Pulse.Silo.Ingest;

/// <summary>The Segment HTTP tracking API paths (and the short aliases Segment's SDKs use).</summary>
public static class IngestEndpoints
{
    private static readonly (string Path, string? Type)[] Routes =
    [
        ("/v1/batch", null), ("/v1/b", null), ("/v1/import", null),
        ("/v1/track", "track"), ("/v1/t", "track"),
        ("/v1/identify", "identify"), ("/v1/i", "identify"),
        ("/v1/group", "group"), ("/v1/g", "group"),
        ("/v1/page", "page"), ("/v1/p", "page"),
        ("/v1/screen", "screen"), ("/v1/s", "screen"),
        ("/v1/alias", "alias"), ("/v1/a", "alias"),
    ];

    public const string CorsPolicy = "segment-ingest";

    public static IServiceCollection AddPulseIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestOptions>(configuration.GetSection("Pulse:Ingest"));
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

    public static IEndpointRouteBuilder MapPulseIngest(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, type) in Routes)
        {
            endpoints.MapPost(path, (HttpContext http, IngestHandler handler) => handler.HandleAsync(http, type))
                .RequireCors(CorsPolicy)
                .DisableAntiforgery();
        }
        return endpoints;
    }
}
