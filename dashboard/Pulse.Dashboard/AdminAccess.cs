using Microsoft.AspNetCore.Http;
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
    public static IResult? Check(HttpContext http)
    {
        var keys = http.RequestServices.GetRequiredService<IConfiguration>().GetSection("Pulse:AdminKeys").Get<string[]>() ?? [];
        if (keys.Length == 0)
        {
            var remote = http.Connection.RemoteIpAddress;
            return remote is null || System.Net.IPAddress.IsLoopback(remote) ? null
                : Results.Json(new { error = "changes from other hosts need an admin key: configure Pulse:AdminKeys and send Authorization: Bearer <key>" },
                    statusCode: StatusCodes.Status401Unauthorized);
        }
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && keys.Contains(header[bearer.Length..].Trim(), StringComparer.Ordinal))
            return null;
        return Results.Json(new { error = "changing policies or scores needs an admin key: Authorization: Bearer <key> (Pulse:AdminKeys)" },
            statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>The author recorded with a change: the X-Pulse-Author header, else "anonymous".</summary>
    public static string Author(HttpContext http, string? stated = null)
    {
        var author = stated ?? http.Request.Headers["X-Pulse-Author"].ToString();
        return string.IsNullOrWhiteSpace(author) ? "anonymous" : author.Trim();
    }
}
