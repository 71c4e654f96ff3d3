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
            var churn = new Table().Title("Churn prediction (red = churn)").Caption("AUC ranks accounts by score; ties count ½")
                .AddColumn("metric").AddColumn(new TableColumn("baseline").RightAligned()).AddColumn(new TableColumn("candidate").RightAligned());
            churn.AddRow("precision", Ratio(a.Precision), Ratio(b.Precision));
            churn.AddRow("recall", Ratio(a.Recall), Ratio(b.Recall));
            churn.AddRow("AUC", Ratio(a.Auc), Ratio(b.Auc));
            churn.AddRow("red & churned (TP)", Invariant($"{a.TruePositives:N0}"), Invariant($"{b.TruePositives:N0}"));
            churn.AddRow("red & stayed (FP)", Invariant($"{a.FalsePositives:N0}"), Invariant($"{b.FalsePositives:N0}"));
            churn.AddRow("not red & churned (FN)", Invariant($"{a.FalseNegatives:N0}"), Invariant($"{b.FalseNegatives:N0}"));
            churn.AddRow("not red & stayed (TN)", Invariant($"{a.TrueNegatives:N0}"), Invariant($"{b.TrueNegatives:N0}"));
            console.Write(churn);
        }
    }

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
