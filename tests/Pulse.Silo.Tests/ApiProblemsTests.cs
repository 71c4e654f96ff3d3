using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pulse.Dashboard;

namespace Pulse.Silo.Tests;

/// <summary>Errors on /api are RFC 9457 problem details naming what is wrong; a fault of the server leaks nothing of itself.</summary>
[Collection(SiloCollection.Name)]
public sealed class ApiProblemsTests(SiloFixture silo)
{
    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)response.StatusCode, problem["status"]!.GetValue<int>());
        return problem;
    }

    [Fact]
    public async Task An_unknown_account_is_a_404_problem_naming_the_account()
    {
        var account = "never-seen-" + Guid.NewGuid().ToString("N");
        var response = await silo.Http.GetAsync($"/api/accounts/{account}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(account, (await ProblemAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_api_route_or_method_is_a_problem_naming_it()
    {
        var route = await silo.Http.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        Assert.Contains("/api/nothing-here", (await ProblemAsync(route))["detail"]!.GetValue<string>());

        var method = await silo.Http.PostAsync("/api/wall", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Contains("POST", (await ProblemAsync(method))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_override_body_the_server_cannot_read_is_a_4xx_problem_naming_what_is_wrong()
    {
        var path = $"/api/accounts/{Segment.NewAccount("unreadable")}/override";

        var wrongType = await silo.Http.PostAsync(path, new StringContent("""{"score":"high","reason":"r","author":"a"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("$.score", (await ProblemAsync(wrongType))["detail"]!.GetValue<string>());

        var malformed = await silo.Http.PostAsync(path, new StringContent("""{"score": 50,""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("JSON", (await ProblemAsync(malformed))["detail"]!.GetValue<string>());

        var notJson = await silo.Http.PostAsync(path, new StringContent("score=50", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Contains("JSON", (await ProblemAsync(notJson))["detail"]!.GetValue<string>());

        var empty = await silo.Http.PostAsJsonAsync<object?>(path, null);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("score, reason, author, expiresAt", (await ProblemAsync(empty))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unexpected_exception_on_the_api_is_a_500_problem_without_the_exception_even_in_development()
    {
        // Development is where ASP.NET Core would show the exception page: the /api handler answers first.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddApiProblems();
        await using var app = builder.Build();
        app.UseApiProblems();
        app.MapGet("/api/fails", string () => throw new InvalidOperationException("secret internal state"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var response = await http.GetAsync("/api/fails");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await ProblemAsync(response);
        var body = problem.ToJsonString();
        Assert.DoesNotContain("secret internal state", body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.DoesNotContain(".cs:line", body);
        Assert.NotNull(problem["traceId"]);
        Assert.Contains("traceId", problem["detail"]!.GetValue<string>());
        await app.StopAsync();
    }
}
