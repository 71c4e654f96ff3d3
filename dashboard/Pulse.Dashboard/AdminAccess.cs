using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pulse.Dashboard;

/// <summary>
/// Who may change things (publish a policy, override a score). Keys come from configuration
/// (<c>Pulse:AdminKeys</c>, e.g. env <c>PULSE__ADMINKEYS__0</c>), never from the repo. With no key configured, changes are
/// accepted only from loopback (the embedded development profile); the author is whoever the request says.
/// </summary>
internal static class AdminAccess
{
    /// <summary>Lets the route run only for an admin; anyone else gets a 401 problem saying what is missing.</summary>
    public static RouteHandlerBuilder RequireAdmin(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) => Check(context.HttpContext) is { } denied ? denied : await next(context))
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult? Check(HttpContext http)
    {
        var keys = http.RequestServices.GetRequiredService<IConfiguration>().GetSection("Pulse:AdminKeys").Get<string[]>() ?? [];
        if (keys.Length == 0)
        {
            var remote = http.Connection.RemoteIpAddress;
            return remote is null || System.Net.IPAddress.IsLoopback(remote) ? null
                : Denied("changes from other hosts need an admin key: configure Pulse:AdminKeys and send Authorization: Bearer <key>");
        }
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && keys.Contains(header[bearer.Length..].Trim(), StringComparer.Ordinal))
            return null;
        return Denied("changing policies or scores needs an admin key: Authorization: Bearer <key> (Pulse:AdminKeys)");
    }

    private static ProblemHttpResult Denied(string detail) => ApiProblems.Problem(StatusCodes.Status401Unauthorized, detail);

    /// <summary>The author recorded with a change: the X-Pulse-Author header, else "anonymous".</summary>
    public static string Author(HttpContext http, string? stated = null)
    {
        var author = stated ?? http.Request.Headers["X-Pulse-Author"].ToString();
        return string.IsNullOrWhiteSpace(author) ? "anonymous" : author.Trim();
    }
}
