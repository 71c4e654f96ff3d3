using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>The dashboard: wall page, SignalR hub and read API. Needs an <see cref="IGrainFactory"/> (silo or client).</summary>
public static class PulseDashboard
{
    public const string HubPath = "/hubs/wall";

    public static IServiceCollection AddPulseDashboard(this IServiceCollection services)
    {
        services.AddSignalR();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WallFramePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<WallFramePublisher>());
        services.AddSingleton<AccountWatchRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountWatchRegistry>());
        return services;
    }

    public static IEndpointRouteBuilder MapPulseDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<WallHub>(HubPath);

        endpoints.MapAccountEndpoints();
        endpoints.MapPolicyEndpoints();
        endpoints.MapGet("/api/wall", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IWallGrain>(0).GetFrame()));

        endpoints.MapGet("/", (HttpContext http) => EmbeddedPage.ServeAsync(http, "index.html"));
        endpoints.MapGet("/{**path}", (HttpContext http, string path) => EmbeddedPage.ServeAsync(http, path))
            .WithOrder(int.MaxValue); // after every API route
        return endpoints;
    }
}
