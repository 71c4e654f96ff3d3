using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Pulse.Silo.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol: open a page, evaluate JavaScript in it.
/// scripts/install-prerequisites.sh installs Chromium; a machine without it fails these tests rather than skipping.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static string FindExecutable() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: run scripts/install-prerequisites.sh (apt-get install chromium).");

    public static async Task<HeadlessChromium> OpenAsync(Uri page)
    {
        var profile = Directory.CreateTempSubdirectory("pulse-chromium-").FullName;
        var start = new ProcessStartInfo(FindExecutable())
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", "--window-size=1920,1080",
                "--user-data-dir=" + profile, page.ToString(),
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Chromium");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private async Task ConnectAsync()
    {
        // With --remote-debugging-port=0 Chromium picks a port and writes it to DevToolsActivePort.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException("Chromium did not open its DevTools port");
            await Task.Delay(100);
        }
        var port = int.Parse((await File.ReadAllLinesAsync(portFile))[0]);
        using var http = new HttpClient();
        string? socketUrl = null;
        while (socketUrl is null)
        {
            var targets = await http.GetFromJsonAsync<JsonElement[]>($"http://127.0.0.1:{port}/json/list");
            socketUrl = targets?.FirstOrDefault(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString();
            if (socketUrl is null)
            {
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException("Chromium opened no page");
                await Task.Delay(100);
            }
        }
        await _socket.ConnectAsync(new Uri(socketUrl), CancellationToken.None);
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var id = Interlocked.Increment(ref _nextId);
        var request = JsonSerializer.SerializeToUtf8Bytes(new { id, method = "Runtime.evaluate", @params = new { expression, returnByValue = true } });
        await _socket.SendAsync(request, WebSocketMessageType.Text, true, CancellationToken.None);
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveAsync());
            if (!message.RootElement.TryGetProperty("id", out var replyId) || replyId.GetInt32() != id) continue; // an event
            var result = message.RootElement.GetProperty("result");
            if (result.TryGetProperty("exceptionDetails", out var error)) throw new InvalidOperationException("page script failed: " + error);
            return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
        }
    }

    /// <summary>Polls <paramref name="expression"/> until <paramref name="accept"/> holds; returns the last value.</summary>
    public async Task<JsonElement> WaitForAsync(string expression, Func<JsonElement, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement value;
        do
        {
            value = await EvaluateAsync(expression);
            if (value.ValueKind != JsonValueKind.Undefined && accept(value)) return value;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"'{expression}' was still {value} after {timeout}");
    }

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            text.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        try { _socket.Dispose(); } catch (ObjectDisposedException) { }
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
