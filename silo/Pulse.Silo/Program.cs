using Pulse.Silo.Hosting;

var app = PulseSiloHost.Build(args);
await app.RunAsync();
