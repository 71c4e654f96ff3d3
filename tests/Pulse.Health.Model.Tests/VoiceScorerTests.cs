using Pulse.Health.Model.Components;
using static Pulse.Health.Model.Tests.Kit;

namespace Pulse.Health.Model.Tests;

/// <summary>Voice of customer: NPS buckets, CSAT, decay to neutral over 180 days, non-response penalty.</summary>
public class VoiceScorerTests
{
    [Theory]
    [InlineData(10, 100)] // promoter
    [InlineData(9, 100)]
    [InlineData(8, 70)] // passive
    [InlineData(7, 70)]
    [InlineData(6, 30)] // detractor: 0–6 → 0–30
    [InlineData(3, 15)]
    [InlineData(0, 0)]
    public void Nps_maps_promoter_passive_detractor(double nps, double expected)
    {
        Assert.Equal(expected, VoiceScorer.NpsToScore(nps, ThePolicy), 6);

        var a = new Account();
        a.Apply(Nps(Day(0), nps));
        Assert.Equal(expected, a.Component(ComponentKind.VoiceOfCustomer), 6);
    }

    [Fact]
    public void Every_detractor_scores_below_every_passive_and_every_passive_below_every_promoter()
    {
        var detractorMax = Enumerable.Range(0, 7).Max(n => VoiceScorer.NpsToScore(n, ThePolicy));
        var passive = new[] { 7, 8 }.Select(n => VoiceScorer.NpsToScore(n, ThePolicy)).ToArray();
        var promoterMin = new[] { 9, 10 }.Min(n => VoiceScorer.NpsToScore(n, ThePolicy));
        Assert.All(passive, p => Assert.True(detractorMax < p && p < promoterMin));
    }

    [Theory]
    [InlineData(5, 100)]
    [InlineData(3, 50)]
    [InlineData(1, 0)]
    public void Csat_maps_one_to_five_onto_0_to_100(double csat, double expected)
    {
        var a = new Account();
        a.Apply(Csat(Day(0), csat));
        Assert.Equal(expected, a.Component(ComponentKind.VoiceOfCustomer), 6);
    }

    [Fact]
    public void Nps_and_csat_are_averaged()
    {
        var a = new Account();
        a.Apply(Nps(Day(0), 10));
        a.Apply(Csat(Day(0), 3)); // same instant: neither answer has decayed
        Assert.Equal(75, a.Component(ComponentKind.VoiceOfCustomer), 6);
    }

    [Theory]
    [InlineData(10, 0, 100)]
    [InlineData(10, 90, 80)] // half-way: half of the distance to neutral 60 remains
    [InlineData(10, 135, 70)]
    [InlineData(0, 90, 30)]
    [InlineData(0, 135, 45)]
    public void Answers_decay_linearly_towards_neutral_over_180_days(double nps, int ageDays, double expected)
    {
        var a = new Account();
        a.Apply(Nps(Day(0), nps));
        a.Evaluate(ageDays);
        Assert.Equal(expected, a.Component(ComponentKind.VoiceOfCustomer), 6);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(0)]
    public void After_180_days_an_answer_is_neutral_and_then_no_evidence_at_all(double nps)
    {
        var a = new Account();
        a.Apply(Nps(Day(0), nps));
        a.Evaluate(179);
        Assert.InRange(a.Component(ComponentKind.VoiceOfCustomer), VoiceScorer.Neutral - 0.5, VoiceScorer.Neutral + 0.5);
        a.Evaluate(180);
        Assert.True(double.IsNaN(a.Component(ComponentKind.VoiceOfCustomer)));
    }

    [Fact]
    public void An_unanswered_survey_costs_10_points_after_30_days()
    {
        var asked = new Account();
        asked.Apply(Nps(Day(0), 8));
        asked.Send("Survey Sent", 10);
        var control = new Account();
        control.Apply(Nps(Day(0), 8));

        asked.Evaluate(39);
        control.Evaluate(39);
        Assert.Equal(control.Component(ComponentKind.VoiceOfCustomer), asked.Component(ComponentKind.VoiceOfCustomer), 6);

        asked.Evaluate(40);
        control.Evaluate(40);
        Assert.Equal(control.Component(ComponentKind.VoiceOfCustomer) - VoiceScorer.NonResponsePenalty,
            asked.Component(ComponentKind.VoiceOfCustomer), 6);

        asked.Apply(Nps(Day(41), 8)); // answering clears the penalty (and refreshes the answer)
        Assert.Null(asked.State.Voice.PendingSurveySentAt);
        Assert.Equal(70, asked.Component(ComponentKind.VoiceOfCustomer), 6);
    }

    [Fact]
    public void A_survey_never_answered_and_nothing_else_scores_below_neutral()
    {
        var a = new Account();
        a.Send("Survey Sent", 0);
        a.Evaluate(29);
        Assert.True(double.IsNaN(a.Component(ComponentKind.VoiceOfCustomer)));
        a.Evaluate(30);
        Assert.Equal(VoiceScorer.Neutral - VoiceScorer.NonResponsePenalty, a.Component(ComponentKind.VoiceOfCustomer), 6);
    }

    [Fact]
    public void A_late_older_answer_does_not_replace_a_newer_one()
    {
        var a = new Account();
        a.Apply(Nps(Day(10), 10));
        a.Apply(Nps(Day(5), 0));
        Assert.Equal(10, a.State.Voice.LastNps);
        Assert.Equal(Day(10), a.State.Voice.LastNpsAt);
        Assert.Equal(100, a.Component(ComponentKind.VoiceOfCustomer), 6);
    }
}
