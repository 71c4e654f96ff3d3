using Pulse.Postgres;
using Pulse.Silo.Hosting;

if (args.Contains("--demo"))
{
    Console.Error.WriteLine("error: " + PulseSiloHost.MovedDemo);
    return 2;
}

// `migrate`: apply the postgres profile's schema and exit (silos also apply it at start).
if (args.Length > 0 && args[0] == "migrate")
{
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args[1..])
        .Build();
    var (connectionString, options) = PostgresServices.ReadSettings(configuration);
    var applied = await PostgresProfile.MigrateAsync(connectionString, options);
    Console.WriteLine(applied.Count == 0
        ? $"schema already at version {SchemaMigrator.LatestVersion}"
        : $"applied schema versions {string.Join(", ", applied)}; now at {SchemaMigrator.LatestVersion}");
    return 0;
}

var app = PulseSiloHost.Build(args);
await app.RunAsync();
return 0;
