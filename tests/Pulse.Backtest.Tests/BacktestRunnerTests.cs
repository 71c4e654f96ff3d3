using Pulse.Health.Model.Policy;
using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest.Tests;

public class BacktestRunnerTests
{
    private static readonly HealthPolicy Default = DefaultPolicy.Create();

    private static StreamFixture Book() => new StreamFixture()
        .Healthy("acct-1").Healthy("acct-2").Failing("acct-3").Failing("acct-4");

    private static BacktestReport Run(StreamFixture stream, HealthPolicy candidate, string? labels = null, BacktestOptions? options = null) =>
        BacktestRunner.Run(stream.Reader(), "stream", Default, candidate, options ?? new BacktestOptions(),
            labels is null ? null : LabelReader.Read(new StringReader(labels), "labels"));

    [Fact]
    public void The_same_policy_twice_changes_no_band()
    {
        var report = Run(Book(), Default);
        Assert.Equal(4, report.Stream.Accounts);
        Assert.Equal(report.Baseline.Bands, report.Candidate.Bands);
        Assert.Equal(0, report.BandChanges.Count);
        Assert.Empty(report.BandChanges.Sample);
    }

    [Fact]
    public void The_fixture_separates_healthy_from_failing_accounts()
    {
        var report = Run(Book(), Default);
        Assert.Equal(2, report.Baseline.Bands.Red);
        Assert.Equal(2, report.Baseline.Bands.Green + report.Baseline.Bands.Advocate);
    }

    [Fact]
    public void Raising_the_band_edges_moves_the_healthy_accounts_down_and_is_reported_per_account()
    {
        // Nothing scores 99: under the candidate every account is red, so exactly the two healthy ones change band.
        var strict = Default with { Version = "strict", YellowFrom = 97, GreenFrom = 98, AdvocateFrom = 99 };
        var report = Run(Book(), strict);

        Assert.Equal("strict", report.Candidate.Version);
        Assert.Equal(4, report.Candidate.Bands.Red);
        Assert.Equal(2, report.BandChanges.Count);
        Assert.Equal(["acct-1", "acct-2"], report.BandChanges.Sample.Select(c => c.AccountId).Order());
        Assert.All(report.BandChanges.Sample, c => Assert.Equal(Band.Red, c.CandidateBand));
        Assert.All(report.BandChanges.Sample, c => Assert.NotEqual(Band.Red, c.BaselineBand));
        Assert.Equal(2, report.BandChanges.Transitions.Sum(t => t.Count));
        Assert.All(report.BandChanges.Transitions, t => Assert.Equal(Band.Red, t.To));
    }

    [Fact]
    public void Labels_give_each_policy_its_churn_prediction()
    {
        var labels = StreamFixture.Labels(("acct-1", "renews"), ("acct-2", "expands"), ("acct-3", "churns"), ("acct-4", "renews"), ("acct-9", "churns"));
        var strict = Default with { Version = "strict", YellowFrom = 97, GreenFrom = 98, AdvocateFrom = 99 };
        var report = Run(Book(), strict, labels);

        // Baseline: acct-3 and acct-4 are red; acct-3 churned, acct-4 renewed. The two failing accounts get identical
        // evidence, so the churner ties with acct-4 (½) and outranks both healthy stayers: AUC = 2.5 / 3.
        var a = report.Baseline.Churn!;
        Assert.Equal(2.5 / 3, a.Auc!.Value, 12);
        Assert.Equal((1, 1, 0, 2), (a.Red.TruePositives, a.Red.FalsePositives, a.Red.FalseNegatives, a.Red.TrueNegatives));
        Assert.Equal(0.5, a.Red.Precision);
        Assert.Equal(1.0, a.Red.Recall);
        Assert.Equal(0.25, a.BaseRate);
        Assert.Equal(1, a.Bands.Single(b => b.Group == "Red").Churned);
        // Candidate: everything red, so precision is the churn rate and recall is 1.
        var b = report.Candidate.Churn!;
        Assert.Equal((1, 3, 0, 0), (b.Red.TruePositives, b.Red.FalsePositives, b.Red.FalseNegatives, b.Red.TrueNegatives));
        Assert.Equal(0.25, b.Red.Precision);
        Assert.Equal(1.0, b.Red.Recall);
        Assert.Equal(b.Red, b.RedOrYellow);
        // AtRisk is the model's own flag, counted per policy with or without labels.
        Assert.Equal(report.Baseline.AtRisk, a.AtRisk.Flagged);
        // Band edges do not change scores, so the ranking — and the AUC — is the baseline's.
        Assert.Equal(a.Auc, b.Auc);

        Assert.Equal(new LabelCoverage(Labels: 5, Matched: 4, Churned: 1, LabelsWithoutEvents: 1, AccountsWithoutLabel: 0), report.Labels);
    }

    [Fact]
    public void Without_labels_there_is_no_churn_prediction()
    {
        var report = Run(Book(), Default);
        Assert.Null(report.Labels);
        Assert.Null(report.Baseline.Churn);
    }

    [Fact]
    public void As_of_ignores_later_events_and_evaluates_at_that_time()
    {
        var asOf = StreamFixture.Start.AddDays(20);
        var stream = Book();
        var all = Run(stream, Default);
        var cut = Run(stream, Default, options: new BacktestOptions { AsOf = asOf });

        Assert.Equal(asOf, cut.Stream.EvaluatedAt);
        Assert.True(cut.Stream.AfterAsOf > 0);
        Assert.Equal(all.Stream.Messages, cut.Stream.Messages);
        Assert.Equal(all.Stream.Applied, cut.Stream.Applied + cut.Stream.AfterAsOf);
        Assert.True(cut.Stream.LastEventAt <= asOf);
        Assert.Equal(all.Stream.LastEventAt, all.Stream.EvaluatedAt);
    }

    [Fact]
    public void Repeated_message_ids_are_counted_as_duplicates_not_applied_twice()
    {
        var stream = Book();
        // The last message: a resend inside the model's de-duplication window (a resend weeks later is applied again).
        var line = stream.Text.TrimEnd('\n').Split('\n')[^1];
        stream.Raw(line).Raw(line);
        var report = Run(stream, Default);
        Assert.Equal(2, report.Stream.Duplicates);
        Assert.Equal(report.Stream.Messages - 2, report.Stream.Applied);
    }
}
