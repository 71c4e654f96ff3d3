using System.Diagnostics;
using System.Net.Http.Json;
using Pulse.Health.Contracts;

namespace Pulse.Postgres.Tests;

/// <summary>
/// A real silo process on the postgres profile (own silo, gateway and HTTP ports on loopback), as an operator would run
/// it. Its output goes to a log file whose tail is shown when it fails to start.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string WriteKey = "test-write-key";

    private readonly Process _process;

    public string Name { get; }
    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    private SiloProcess(string name, string connectionString, string clusterId, string[] extraArgs)
    {
        Name = name;
        var http = Repo.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{http}");
        LogPath = Path.Combine(Path.GetTempPath(), $"pulse-silo-{name}-{Guid.NewGuid():N}.log");
        File.WriteAllText(LogPath, "");
        // The silo writes its output straight to the file (exec keeps the PID): piping it through this process would let a
        // busy test host block the silo's console logger, and with it the silo's threads.
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Path.GetDirectoryName(Repo.SiloDll)! };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec dotnet \"$@\" >>\"$LOG\" 2>&1");
        psi.ArgumentList.Add("silo");
        psi.Environment["LOG"] = LogPath;
        psi.ArgumentList.Add(Repo.SiloDll);
        foreach (var a in (string[])[
                     $"--Pulse:Urls={BaseAddress.ToString().TrimEnd('/')}",
                     $"--Pulse:Orleans:SiloPort={Repo.FreePort()}",
                     $"--Pulse:Orleans:GatewayPort={Repo.FreePort()}",
                     $"--Pulse:Orleans:ClusterId={clusterId}",
                     $"--Pulse:Ingest:WriteKeys:0={WriteKey}",
                     "--Logging:LogLevel:Default=Warning",
                     "--Logging:LogLevel:Orleans=Error",
                     "--Logging:Console:QueueFullMode=DropWrite",
                     .. extraArgs])
            psi.ArgumentList.Add(a);
        psi.Environment["PULSE__PROFILE"] = "postgres";
        psi.Environment["ConnectionStrings__Pulse"] = connectionString;
        _process = Process.Start(psi)!;
    }

    public static async Task<SiloProcess> StartAsync(string name, string connectionString, string clusterId, params string[] extraArgs)
    {
        var silo = new SiloProcess(name, connectionString, clusterId, extraArgs);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"silo {Name} exited ({_process.ExitCode}) while starting:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/api/wall")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"silo {Name} did not answer within {timeout}:\n{Tail()}");
    }

    public string Tail(int lines = 40)
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>kill -9: no shutdown, no deactivation, no state written.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: false); // SIGKILL on Linux
        _process.WaitForExit(10_000);
    }

    /// <summary>A graceful stop (SIGTERM): accounts deactivate and write their state.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        await Repo.RunAsync("kill", "-TERM", _process.Id.ToString());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Kill9(); }
    }

    public async Task<AccountView?> GetAccountAsync(HttpClient http, string accountId)
    {
        var response = await http.GetAsync(new Uri(BaseAddress, $"/api/accounts/{Uri.EscapeDataString(accountId)}"));
        return response.StatusCode == System.Net.HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<AccountView>() : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill9();
        _process.Dispose();
        await Task.CompletedTask;
    }
}
