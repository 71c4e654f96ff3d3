using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pulse.Dashboard;

/// <summary>
/// Errors of the <c>/api</c> routes as RFC 9457 problem details (<c>application/problem+json</c>) whose <c>detail</c>
/// names what is wrong. A request the framework cannot bind (malformed JSON, a value of the wrong type, a body that is
/// not JSON) answers its 4xx naming the field; any other exception answers a 500 that carries a trace id and nothing
/// of the exception. The ingest API (<c>/v1</c>) is left out: it answers in Segment's shape.
/// </summary>
public static class ApiProblems
{
    public const string Prefix = "/api";

    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => context.ProblemDetails.Detail ??= DefaultDetail(context));
        services.AddExceptionHandler<BadRequestHandler>();
        // A request that cannot be bound throws (rather than answering an empty 400) so that the handler can say why.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// Turns exceptions and bodiless error answers on <c>/api</c> (an unknown route, a method or media type the route
    /// does not take) into problem details; put it before the endpoints.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });

    /// <summary>The detail of a problem the framework raised without one.</summary>
    private static string? DefaultDetail(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"there is no API at {request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}",
            StatusCodes.Status415UnsupportedMediaType => $"the body must be JSON (Content-Type: application/json), not {request.ContentType ?? "untyped"}",
            StatusCodes.Status500InternalServerError => "the server failed to answer this request; its log has the error under this response's traceId",
            _ => null,
        };
    }

    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    /// <summary>
    /// Field errors (field → what is wrong with it) as a validation problem whose detail lists them all, each as
    /// field, <paramref name="separator"/>, message.
    /// </summary>
    public static ValidationProblem Invalid(string what, IReadOnlyDictionary<string, string[]> errors, string separator) =>
        TypedResults.ValidationProblem(errors,
            detail: $"{what}: {string.Join("; ", errors.SelectMany(e => e.Value.Select(message => e.Key + separator + message)))}");

    /// <summary>The framework's binding failures: their status (400, 415) and message, with the JSON reader's path.</summary>
    private sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false; // a fault of ours: the 500 above, logged
            http.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = bad.StatusCode, Detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message },
            });
        }
    }
}
