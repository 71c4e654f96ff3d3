using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Health.Contracts;

namespace Pulse.Dashboard;

/// <summary>
/// The dashboard: wall page, SignalR hub and the <c>/api</c> routes. Needs an <see cref="IGrainFactory"/> (silo or client).
/// A host calls <see cref="AddPulseDashboard"/>, then <see cref="UsePulseDashboard"/> before its endpoints, then
/// <see cref="MapPulseDashboard"/>.
/// </summary>
public static class PulseDashboard
{
    public const string HubPath = "/hubs/wall";

    public static IServiceCollection AddPulseDashboard(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddApiProblems();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WallFramePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<WallFramePublisher>());
        services.AddSingleton<AccountWatchRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountWatchRegistry>());
        return services;
    }

    /// <summary>The middleware the <c>/api</c> routes need: their errors as problem details.</summary>
    public static IApplicationBuilder UsePulseDashboard(this IApplicationBuilder app) => app.UseApiProblems();

    public static IEndpointRouteBuilder MapPulseDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<WallHub>(HubPath);

        var api = endpoints.MapGroup(ApiProblems.Prefix);
        api.MapAccountEndpoints();
        api.MapPolicyEndpoints();
        api.MapGet("/wall", async Task<Ok<WallFrame>> (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IWallGrain>(0).GetFrame()))
            .WithTags("Wall")
            .WithSummary("The cluster-wide aggregate the wall shows (bands, stages, score histogram, movers, alerts, totals)");

        endpoints.MapGet("/", (HttpContext http) => EmbeddedPage.ServeAsync(http, "index.html")).ExcludeFromDescription();
        endpoints.MapGet("/{**path}", (HttpContext http, string path) => EmbeddedPage.ServeAsync(http, path))
            .WithOrder(int.MaxValue) // after every API route
            .ExcludeFromDescription();
        return endpoints;
    }
}
