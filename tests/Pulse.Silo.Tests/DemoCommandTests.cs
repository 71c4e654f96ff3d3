using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Pulse.Cli;
using Pulse.Cli.Commands;
using Pulse.Health.Contracts;

namespace Pulse.Silo.Tests;

/// <summary><c>pulse demo</c>, the README's first command: one process, a silo with a synthetic stream flowing into its wall.</summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task The_demo_starts_a_silo_and_streams_synthetic_customers_into_its_wall_until_cancelled()
    {
        var captured = new StringWriter();
        var output = TextWriter.Synchronized(captured);
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = DemoCommand.RunAsync(new DemoOptions
        {
            Accounts = 40,
            EventsPerSecond = 200,
            BackfillDays = 2,
            ProgressInterval = TimeSpan.FromSeconds(1),
            SiloArguments =
            [
                "--urls", "http://127.0.0.1:0",
                $"--Pulse:Orleans:SiloPort={SiloFixture.FreePort()}",
                $"--Pulse:Orleans:GatewayPort={SiloFixture.FreePort()}",
                $"--Pulse:Orleans:ClusterId=demo-{Guid.NewGuid():N}",
                "--Logging:LogLevel:Default=Critical",
            ],
        }, CliEnvironment.Plain(output, error), stop.Token);

        Uri? wall = null;
        for (var i = 0; i < 300 && wall is null && !run.IsCompleted; i++)
        {
            string text;
            lock (output) text = captured.ToString();
            if (WallAddress().Match(text) is { Success: true } found) wall = new Uri(found.Groups[1].Value);
            else await Task.Delay(100);
        }
        Assert.True(wall is not null, $"the demo did not say where its wall is: {captured} {error}");

        using var http = new HttpClient { BaseAddress = wall };
        WallFrame? frame = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            frame = await http.GetFromJsonAsync<WallFrame>("/api/wall");
            if (frame!.Totals.Accounts == 40 && frame.Totals.EventsPerSecond > 0) break;
            await Task.Delay(200);
        }
        Assert.Equal(40, frame!.Totals.Accounts);
        Assert.True(frame.Totals.EventsPerSecond > 0, "the wall is not moving");

        await stop.CancelAsync();
        Assert.Equal(SimulateCommand.ExitCancelled, await run);
        lock (output) Assert.Contains("accepted", captured.ToString());
    }

    [GeneratedRegex(@"the wall is at (http://\S+?) ")]
    private static partial Regex WallAddress();
}
