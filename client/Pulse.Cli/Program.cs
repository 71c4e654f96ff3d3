using Pulse.Cli;

return await PulseCli.InvokeAsync(args, CliEnvironment.Default());
