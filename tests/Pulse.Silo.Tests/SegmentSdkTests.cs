using System.Diagnostics;

namespace Pulse.Silo.Tests;

/// <summary>Segment's official Node SDK (@segment/analytics-node), with only its host changed, delivers to Pulse.</summary>
[Trait("Category", "Integration")] // needs Node.js and the npm package of Segment's SDK, run as a separate process
[Collection(SiloCollection.Name)]
public sealed class SegmentSdkTests(SiloFixture silo)
{
    private static readonly string SdkDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../segment-sdk"));

    [Fact]
    public async Task The_official_node_sdk_pointed_at_pulse_delivers_group_track_and_identify()
    {
        if (!Directory.Exists(Path.Combine(SdkDirectory, "node_modules", "@segment", "analytics-node")))
            await RunAsync("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(3));

        var account = Segment.NewAccount("sdk");
        var user = "sdk-user-" + Guid.NewGuid().ToString("N")[..8];
        var host = silo.BaseAddress.ToString().TrimEnd('/');
        var output = await RunAsync("node", $"send.mjs {host} {SiloFixture.WriteKey} {account} {user}", TimeSpan.FromSeconds(60));
        Assert.Contains("sent 4 messages", output);

        var view = await silo.WaitForAccountAsync(account, 4);
        Assert.Equal(4, view.EventsApplied);
        Assert.Equal("SDK Co", view.Name);
        Assert.NotNull(view.Components["adoption"]);
    }

    private static async Task<string> RunAsync(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = SdkDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish within {timeout}");
        }
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {output}");
        return output;
    }
}
