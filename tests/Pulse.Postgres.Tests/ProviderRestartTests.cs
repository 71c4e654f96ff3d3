using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Pulse.Health.Contracts;
using Pulse.Silo.Hosting;

namespace Pulse.Postgres.Tests;

/// <summary>Membership, grain state and reminders through Orleans' ADO.NET providers on our schema, across a silo restart.</summary>
[Trait("Category", "Integration")] // needs a real PostgreSQL cluster
[Collection(PostgresCollection.Name)]
public sealed class ProviderRestartTests(PostgresServer server)
{
    [Fact]
    public async Task Membership_state_and_reminders_survive_a_silo_restart()
    {
        var cs = await server.CreateDatabaseAsync("restart");
        var clusterId = $"restart-{Guid.NewGuid():N}";
        var grainId = GrainId.Create("test", "reminder-holder");

        // First incarnation: ingest events, register a reminder, stop gracefully (accounts write their state).
        var first = await StartAsync(cs, clusterId);
        using (var http = new HttpClient { BaseAddress = first.Address })
        {
            var body = """{"batch":[{"type":"group","messageId":"r-1","userId":"u-1","groupId":"acme","traits":{"name":"Acme","arr":48000}},""" +
                       """{"type":"track","messageId":"r-2","userId":"u-1","event":"Session Started","context":{"groupId":"acme"}},""" +
                       """{"type":"track","messageId":"r-3","userId":"u-1","event":"Feature Used","context":{"groupId":"acme"},"properties":{"feature":"reports"}}]}""";
            var response = await http.SendAsync(Post(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await WaitForEventsAsync(http, "acme", 3);
        }
        var reminders = first.App.Services.GetRequiredService<IReminderTable>();
        var etag = await reminders.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "nightly", StartAt = DateTime.UtcNow.AddHours(1), Period = TimeSpan.FromHours(24) });
        Assert.False(string.IsNullOrEmpty(etag));
        await first.App.StopAsync();
        await first.App.DisposeAsync();

        await using var db = NpgsqlDataSource.Create(cs);
        await using (var cmd = db.CreateCommand("SELECT count(*) FROM pulse_grain_state WHERE grain_type = 'account' AND grain_id_ext = 'acme' AND payload IS NOT NULL"))
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        // Prove the second incarnation restores from grain state, not by re-reading the log.
        await using (var cmd = db.CreateCommand("TRUNCATE pulse_event_log")) await cmd.ExecuteNonQueryAsync();

        var second = await StartAsync(cs, clusterId);
        try
        {
            using var http = new HttpClient { BaseAddress = second.Address };
            var view = await http.GetFromJsonAsync<AccountView>("/api/accounts/acme");
            Assert.Equal(3, view!.EventsApplied);
            Assert.Equal("Acme", view.Name);

            var reminder = await second.App.Services.GetRequiredService<IReminderTable>().ReadRow(grainId, "nightly");
            Assert.NotNull(reminder);
            Assert.Equal(TimeSpan.FromHours(24), reminder.Period);

            var statuses = new List<int>();
            await using (var cmd = db.CreateCommand("SELECT status FROM pulse_membership WHERE deployment_id = @d ORDER BY start_time"))
            {
                cmd.Parameters.AddWithValue("d", clusterId);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) statuses.Add(reader.GetInt32(0));
            }
            Assert.Equal([(int)SiloStatus.Dead, (int)SiloStatus.Active], statuses);
        }
        finally
        {
            await second.App.StopAsync();
            await second.App.DisposeAsync();
        }
    }

    private sealed record Started(WebApplication App, Uri Address);

    private static async Task<Started> StartAsync(string cs, string clusterId)
    {
        var app = PulseSiloHost.Build(
        [
            "--Pulse:Profile=postgres",
            $"--ConnectionStrings:Pulse={cs}",
            "--urls", "http://127.0.0.1:0",
            $"--Pulse:Orleans:SiloPort={Repo.FreePort()}",
            $"--Pulse:Orleans:GatewayPort={Repo.FreePort()}",
            $"--Pulse:Orleans:ClusterId={clusterId}",
            $"--Pulse:Ingest:WriteKeys:0={SiloProcess.WriteKey}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Started(app, new Uri(address));
    }

    private static HttpRequestMessage Post(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(SiloProcess.WriteKey + ":")));
        return request;
    }

    private static async Task WaitForEventsAsync(HttpClient http, string account, long events)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync($"/api/accounts/{account}");
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<AccountView>())!.EventsApplied >= events) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{account} did not apply {events} events");
    }
}
