using Spectre.Console;

namespace Pulse.Cli;

/// <summary>Where a command writes and how it talks to the network; tests swap these for captured ones.</summary>
public sealed record CliEnvironment
{
    /// <summary>Standard output (live display, plain progress lines, summary tables).</summary>
    public required IAnsiConsole Console { get; init; }
    /// <summary>Standard error (failure messages).</summary>
    public required TextWriter Error { get; init; }
    /// <summary>True when output is a terminal that can redraw a live display; false for pipes, files, CI logs.</summary>
    public required bool Interactive { get; init; }
    /// <summary>Creates the HTTP client for a command, given the number of connections it wants.</summary>
    public Func<int, HttpClient> CreateHttpClient { get; init; } = DefaultHttpClient;

    public static CliEnvironment Default()
    {
        var console = AnsiConsole.Console;
        var interactive = !System.Console.IsOutputRedirected && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
        // Logs and pipes have no width: do not wrap progress lines and tables at 80 columns.
        if (!interactive) console.Profile.Width = LogWidth;
        return new CliEnvironment { Console = console, Error = System.Console.Error, Interactive = interactive };
    }

    /// <summary>Line width used when output is not a terminal.</summary>
    public const int LogWidth = 200;

    /// <summary>Plain output for pipes and tests: no colours, no cursor movement, fixed width.</summary>
    public static CliEnvironment Plain(TextWriter output, TextWriter error) => new()
    {
        Console = WithWidth(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        }), LogWidth),
        Error = error,
        Interactive = false,
    };

    private static IAnsiConsole WithWidth(IAnsiConsole console, int width)
    {
        console.Profile.Width = width;
        return console;
    }

    public static HttpClient DefaultHttpClient(int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            // The sender applies its own per-request timeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
