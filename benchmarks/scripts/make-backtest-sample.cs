#:project ../../client/Pulse.Simulation/Pulse.Simulation.csproj
#:property PublishAot=false
// Written before `pulse record --labels` existed, and kept so the earlier sample in benchmarks/results/backtest-sample.md
// can be reproduced: writes the simulator's history as NDJSON (one Segment message per line, in time order) plus a
// labels file whose outcome follows each account's persona. Deterministic: same arguments, same files. For new
// streams use `pulse record --labels`, whose outcomes are drawn per persona.
//   dotnet run benchmarks/scripts/make-backtest-sample.cs -- <out-dir> [accounts=2000] [days=60] [seed=42]
using System.Text;
using System.Text.Json;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

var outDir = args.Length > 0 ? args[0] : "backtest-sample";
var accounts = args.Length > 1 ? int.Parse(args[1]) : 2000;
var days = args.Length > 2 ? int.Parse(args[2]) : 60;
var seed = args.Length > 3 ? long.Parse(args[3]) : 42;
Directory.CreateDirectory(outDir);

var anchor = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
var generator = new CustomerGenerator(new GeneratorOptions { Seed = seed, Accounts = accounts, BackfillDays = days, Anchor = anchor });
var messages = generator.Backfill().OrderBy(m => m.Timestamp).ToList(); // OrderBy is stable: per-account order holds
using (var stream = new StreamWriter(Path.Combine(outDir, "stream.ndjson"), false, new UTF8Encoding(false)))
    foreach (var m in messages) stream.WriteLine(Encoding.UTF8.GetString(m.Json.Span));

// The persona is the ground truth (an assumption until `pulse record` defines it): decliners, stalls, payment trouble
// and lost champions churn; expanders expand; the rest renew.
using (var labels = new StreamWriter(Path.Combine(outDir, "labels.ndjson"), false, new UTF8Encoding(false)))
    foreach (var p in generator.Profiles())
    {
        var outcome = p.Persona switch
        {
            PersonaKind.SlowDecliner or PersonaKind.OnboardingStall or PersonaKind.PaymentTrouble or PersonaKind.ChampionDeparture => "churns",
            PersonaKind.Expander => "expands",
            _ => "renews",
        };
        labels.WriteLine(JsonSerializer.Serialize(new
        {
            accountId = p.AccountId, persona = p.Persona.Name(), tier = p.Tier.ToString(), outcome,
            at = p.RenewalDate.ToString("yyyy-MM-dd") + "T00:00:00Z",
        }));
    }
Console.WriteLine($"{messages.Count} messages for {accounts} accounts over {days} days → {outDir}/stream.ndjson, {outDir}/labels.ndjson");
