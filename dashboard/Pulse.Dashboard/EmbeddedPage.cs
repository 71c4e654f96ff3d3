using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Pulse.Dashboard;

/// <summary>Serves the wall page from resources embedded in this assembly, so any host that maps the dashboard serves it.</summary>
internal static class EmbeddedPage
{
    private static readonly Assembly Assembly = typeof(EmbeddedPage).Assembly;
    private static readonly HashSet<string> Names = [.. Assembly.GetManifestResourceNames()];
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static async Task ServeAsync(HttpContext http, string path)
    {
        if (path.Length == 0) path = "index.html";
        var name = "wwwroot/" + path;
        if (!Names.Contains(name))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await using var stream = Assembly.GetManifestResourceStream(name)!;
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
