using OpenTelemetry.Metrics;
using Pulse.Health.Grains.Diagnostics;

namespace Pulse.Silo.Hosting;

/// <summary>
/// OpenTelemetry metrics of the silo on a Prometheus-format endpoint (<c>GET /metrics</c>): the <see cref="PulseMeter"/>
/// counters and gauges. OpenTelemetry rather than a hand-written exposition: any collector (Prometheus, OTLP) can take
/// it and the naming follows the conventions (<c>pulse_events_ingested_total</c>, <c>…_bytes</c>).
/// </summary>
public static class PulseMetrics
{
    public const string Path = "/metrics";

    public static IServiceCollection AddPulseMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PulseMetricsOptions>(configuration.GetSection("Pulse:Metrics"));
        services.AddSingleton<SiloGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloGauges>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(PulseMeter.Name).AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapPulseMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path);
        return endpoints;
    }
}
