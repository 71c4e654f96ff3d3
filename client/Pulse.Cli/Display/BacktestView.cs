using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pulse.Backtest;
using Pulse.Health.Model.Scoring;
using Spectre.Console;

namespace Pulse.Cli.Display;

/// <summary>How <c>pulse backtest</c> shows its report: tables for people, JSON for programs.</summary>
public static class BacktestView
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteJson(TextWriter output, BacktestReport report)
    {
        output.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
        output.Flush();
    }

    public static void WriteTables(IAnsiConsole console, BacktestReport report)
    {
        var s = report.Stream;
        console.WriteLine(Invariant(
            $"Replayed {s.Messages:N0} messages: {s.Applied:N0} applied to {s.Accounts:N0} accounts, {s.Duplicates:N0} duplicates, {s.AfterAsOf:N0} after the as-of time, {s.InvalidSkipped:N0} invalid skipped; evaluated at {Time(s.EvaluatedAt)}."));
        foreach (var error in s.InvalidSample) console.WriteLine("  skipped: " + error);
        console.WriteLine($"Baseline: {report.Baseline.Version}   Candidate: {report.Candidate.Version}");
        console.WriteLine();

        var bands = new Table().Title("Accounts per band")
            .AddColumn("band").AddColumn(new TableColumn("baseline").RightAligned())
            .AddColumn(new TableColumn("candidate").RightAligned()).AddColumn(new TableColumn("Δ").RightAligned());
        foreach (var band in Enum.GetValues<Band>())
        {
            int before = report.Baseline.Bands[band], after = report.Candidate.Bands[band];
            bands.AddRow(band.ToString(), Invariant($"{before:N0}"), Invariant($"{after:N0}"), Invariant($"{after - before:+#,0;-#,0;0}"));
        }
        bands.AddRow("total", Invariant($"{report.Baseline.Bands.Total:N0}"), Invariant($"{report.Candidate.Bands.Total:N0}"), "");
        bands.AddRow("AtRisk", Invariant($"{report.Baseline.AtRisk:N0}"), Invariant($"{report.Candidate.AtRisk:N0}"),
            Invariant($"{report.Candidate.AtRisk - report.Baseline.AtRisk:+#,0;-#,0;0}"));
        console.Write(bands);

        var changes = report.BandChanges;
        console.WriteLine(Invariant($"{changes.Count:N0} accounts change band ({Percent(changes.Count, s.Accounts)} of {s.Accounts:N0})."));
        if (changes.Count > 0)
        {
            var transitions = new Table().Title("Band changes").AddColumn("baseline → candidate").AddColumn(new TableColumn("accounts").RightAligned());
            foreach (var t in changes.Transitions) transitions.AddRow($"{t.From} → {t.To}", Invariant($"{t.Count:N0}"));
            console.Write(transitions);

            var sample = new Table().Title(Invariant($"Largest moves (first {changes.Sample.Count})"))
                .AddColumn("account").AddColumn("baseline").AddColumn("candidate").AddColumn(new TableColumn("Δscore").RightAligned());
            foreach (var c in changes.Sample)
                sample.AddRow(Markup.Escape(c.AccountId), Invariant($"{c.BaselineBand} {c.BaselineScore:0.0}"),
                    Invariant($"{c.CandidateBand} {c.CandidateScore:0.0}"), Invariant($"{c.CandidateScore - c.BaselineScore:+0.0;-0.0;0.0}"));
            console.Write(sample);
        }

        if (report.Labels is { } coverage && report.Baseline.Churn is { } a && report.Candidate.Churn is { } b)
        {
            console.WriteLine(Invariant(
                $"Labels: {coverage.Labels:N0}, matched to the stream {coverage.Matched:N0} ({coverage.Churned:N0} churn); {coverage.LabelsWithoutEvents:N0} labels without events and {coverage.AccountsWithoutLabel:N0} accounts without a label are left out."));
            WriteChurn(console, a, b);
        }
    }

    private static void WriteChurn(IAnsiConsole console, ChurnPrediction a, ChurnPrediction b)
    {
        var churn = new Table().Title("Churn prediction").Caption("AUC ranks accounts by 100 − score (ties count ½); lift = churn rate in the riskiest 10 % ÷ base rate")
            .AddColumn("metric").AddColumn(new TableColumn("baseline").RightAligned()).AddColumn(new TableColumn("candidate").RightAligned());
        churn.AddRow("base churn rate", Ratio(a.BaseRate), Ratio(b.BaseRate));
        churn.AddRow("AUC", Ratio(a.Auc), Ratio(b.Auc));
        foreach (var (name, f) in new (string, Func<ChurnPrediction, FlagScore>)[] { ("Red", p => p.Red), ("Red+Yellow", p => p.RedOrYellow), ("AtRisk", p => p.AtRisk) })
        {
            churn.AddRow($"{name}: accounts", Invariant($"{f(a).Flagged:N0}"), Invariant($"{f(b).Flagged:N0}"));
            churn.AddRow($"{name}: precision", Ratio(f(a).Precision), Ratio(f(b).Precision));
            churn.AddRow($"{name}: recall", Ratio(f(a).Recall), Ratio(f(b).Recall));
        }
        churn.AddRow("lift in riskiest 10 %", Ratio(a.LiftTop10), Ratio(b.LiftTop10));
        console.Write(churn);

        var calibration = new Table().Title("Calibration: churn rate per band and per score decile")
            .AddColumn("group").AddColumn(new TableColumn("baseline").RightAligned()).AddColumn(new TableColumn("candidate").RightAligned());
        for (var i = 0; i < a.Bands.Count; i++)
            calibration.AddRow(a.Bands[i].Group, Group(a.Bands[i].Rate, a.Bands[i].Accounts), Group(b.Bands[i].Rate, b.Bands[i].Accounts));
        for (var i = 0; i < a.Deciles.Count; i++)
        {
            var (x, y) = (a.Deciles[i], b.Deciles[i]);
            calibration.AddRow(Invariant($"decile {x.Decile}{(x.Decile == 1 ? " (riskiest)" : "")}"),
                Invariant($"{Ratio(x.Rate)} (score {100 - x.HighestRisk:0.0}–{100 - x.LowestRisk:0.0})"),
                Invariant($"{Ratio(y.Rate)} (score {100 - y.HighestRisk:0.0}–{100 - y.LowestRisk:0.0})"));
        }
        console.Write(calibration);
    }

    /// <summary>One row per seed and policy, then the mean over the seeds: the held-out judgement of a policy.</summary>
    public static void WriteSeeds(IAnsiConsole console, IReadOnlyList<SimulatedRun> runs, bool showCandidate)
    {
        var first = runs[0];
        console.WriteLine(Invariant($"Simulated books: {first.Accounts:N0} accounts × {first.Days} days, seeds {string.Join(", ", runs.Select(r => r.Seed))}; history only, replayed through the pure model."));
        console.WriteLine($"Baseline: {first.Report.Baseline.Version}   Candidate: {first.Report.Candidate.Version}");
        var table = new Table().Title("Churn prediction per seed")
            .Caption("P/R = precision/recall; lift = churn rate in the riskiest 10 % ÷ base rate; latent = AUC of the hidden health (the ceiling); naive = AUC of a plain average of usage, tickets, NPS, payments")
            .AddColumn("seed").AddColumn("policy");
        foreach (var c in new[] { "AUC", "Red P", "Red R", "R+Y P", "R+Y R", "AtRisk", "AtRisk P", "AtRisk R", "lift@10%", "base", "latent", "naive" })
            table.AddColumn(new TableColumn(c).RightAligned());
        void Row(string seed, string policy, ChurnSummary s, double? latent, double? naive) =>
            table.AddRow(seed, policy, Ratio(s.Auc), Ratio(s.RedPrecision), Ratio(s.RedRecall), Ratio(s.RedOrYellowPrecision), Ratio(s.RedOrYellowRecall),
                Invariant($"{s.AtRisk:N0}"), Ratio(s.AtRiskPrecision), Ratio(s.AtRiskRecall), Ratio(s.LiftTop10), Ratio(s.BaseRate), Ratio(latent), Ratio(naive));
        foreach (var run in runs)
        {
            Row(run.Seed.ToString(CultureInfo.InvariantCulture), "baseline", ChurnSummary.Of(run.Report.Baseline), run.LatentAuc, run.NaiveAuc);
            if (showCandidate) Row(run.Seed.ToString(CultureInfo.InvariantCulture), "candidate", ChurnSummary.Of(run.Report.Candidate), run.LatentAuc, run.NaiveAuc);
        }
        var mean = SimulatedMean.Of(runs);
        Row("mean", "baseline", mean.Baseline, mean.LatentAuc, mean.NaiveAuc);
        if (showCandidate) Row("mean", "candidate", mean.Candidate, mean.LatentAuc, mean.NaiveAuc);
        console.Write(table);
    }

    /// <summary>The per-seed runs and their means as JSON.</summary>
    public static void WriteSeedsJson(TextWriter output, IReadOnlyList<SimulatedRun> runs)
    {
        output.WriteLine(JsonSerializer.Serialize(new { runs, mean = SimulatedMean.Of(runs) }, JsonOptions));
        output.Flush();
    }

    private static string Group(double? rate, int accounts) => Invariant($"{Ratio(rate)} of {accounts:N0}");

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
