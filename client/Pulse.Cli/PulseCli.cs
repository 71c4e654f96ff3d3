using System.CommandLine;
using Pulse.Cli.Commands;

namespace Pulse.Cli;

/// <summary>
/// The <c>pulse</c> command line. Each command lives in its own file under <c>Commands/</c> and is registered in
/// <see cref="Commands"/>.
/// </summary>
public static class PulseCli
{
    /// <summary>The command factories, in help order.</summary>
    private static readonly Func<CliEnvironment, Command>[] Commands =
    [
        DemoCommand.Create,
        SimulateCommand.Create,
        BacktestCommand.Create,
        RecordCommand.Create,
        ReplayCommand.Create,
        MetricsCommand.Create,
        WallClientsCommand.Create,
    ];

    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand("Pulse command-line tool: synthetic customers and tooling for the Pulse customer-health cluster.");
        foreach (var create in Commands) root.Subcommands.Add(create(environment));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(environment);
        var configuration = new InvocationConfiguration
        {
            // Ctrl+C cancels the run; it then has a few seconds to drain and print its summary.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(5),
            Error = environment.Error,
            Output = environment.Console.Profile.Out.Writer,
        };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
