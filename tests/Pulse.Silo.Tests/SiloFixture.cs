using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pulse.Health.Contracts;
using Pulse.Silo.Hosting;

namespace Pulse.Silo.Tests;

/// <summary>The real silo process (Orleans + ingest + dashboard) started in-process on free loopback ports.</summary>
public class SiloFixture : IAsyncLifetime
{
    public const string WriteKey = "test-write-key";

    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Extra command-line settings for a fixture variant.</summary>
    protected virtual string[] ExtraArgs => [];

    public async Task InitializeAsync()
    {
        App = PulseSiloHost.Build(
        [
            .. ExtraArgs,
            "--urls", "http://127.0.0.1:0",
            $"--Pulse:Orleans:SiloPort={FreePort()}",
            $"--Pulse:Orleans:GatewayPort={FreePort()}",
            $"--Pulse:Orleans:ClusterId=test-{Guid.NewGuid():N}",
            $"--Pulse:Ingest:WriteKeys:0={WriteKey}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public HttpRequestMessage Post(string path, string json, string? writeKey = WriteKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (writeKey is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        return request;
    }

    public async Task<AccountView> WaitForAccountAsync(string accountId, long events, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        AccountView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.GetAsync($"/api/accounts/{Uri.EscapeDataString(accountId)}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                view = await response.Content.ReadFromJsonAsync<AccountView>();
                if (view!.EventsApplied >= events) return view;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{accountId} applied {view?.EventsApplied ?? 0} events, expected {events}");
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
