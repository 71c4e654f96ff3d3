using System.Text;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Latent;
using Pulse.Simulation.Outcomes;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Tests;

public class LabelsTests
{
    private static string LabelsText(CustomerGenerator generator)
    {
        using var buffer = new MemoryStream();
        LabelsFile.WriteAsync(LabelsFile.Of(generator), buffer).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Labels_are_deterministic_from_the_seed_and_differ_with_another_seed()
    {
        var a = LabelsText(Sim.Generator(2000, seed: 42));
        var b = LabelsText(Sim.Generator(2000, seed: 42));
        var c = LabelsText(Sim.Generator(2000, seed: 43));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(2000, a.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_label_line_is_exactly_the_agreed_format()
    {
        var label = new GroundTruth("acct-000042", PersonaKind.SlowDecliner, AccountTier.TechTouch, OutcomeKind.Churns,
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("{\"accountId\":\"acct-000042\",\"persona\":\"slow-decliner\",\"tier\":\"tech-touch\",\"outcome\":\"churns\",\"at\":\"2026-12-01T00:00:00Z\"}",
            LabelsFile.ToText(label));
    }

    [Fact]
    public void Labels_round_trip_through_the_file_format()
    {
        var labels = LabelsFile.Of(Sim.Generator(500)).ToList();
        var parsed = LabelsFile.Read(new StringReader(LabelsText(Sim.Generator(500)))).ToList();
        Assert.Equal(labels, parsed);
    }

    [Theory]
    [InlineData("not json", "line 1: not JSON")]
    [InlineData("{\"accountId\":\"a\",\"persona\":\"ghost\",\"tier\":\"b2c\",\"outcome\":\"churns\",\"at\":\"2026-12-01T00:00:00Z\"}", "unknown persona 'ghost'")]
    [InlineData("{\"accountId\":\"a\",\"persona\":\"expander\",\"tier\":\"b2c\",\"outcome\":\"leaves\",\"at\":\"2026-12-01T00:00:00Z\"}", "unknown outcome 'leaves'")]
    [InlineData("{\"accountId\":\"a\",\"persona\":\"expander\",\"tier\":\"b2c\",\"outcome\":\"renews\",\"at\":\"soon\"}", "\"at\" 'soon' is not an ISO-8601 time")]
    [InlineData("{\"persona\":\"expander\",\"tier\":\"b2c\",\"outcome\":\"renews\",\"at\":\"2026-12-01T00:00:00Z\"}", "\"accountId\" is missing")]
    public void Bad_label_lines_are_refused_with_the_line_and_the_reason(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LabelsFile.Read(new StringReader(line)).ToList());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Outcomes_follow_hidden_health_not_the_persona()
    {
        var generator = Sim.Generator(6000);
        var labels = LabelsFile.Of(generator).ToList();
        var health = generator.Profiles().Select(p => LatentAccount.For(generator.Options, p).End).ToList();
        double ChurnWhere(Func<double, bool> band)
        {
            var of = labels.Where((_, i) => band(health[i])).ToList();
            return of.Count(l => l.Outcome == OutcomeKind.Churns) / (double)of.Count;
        }
        // Sick accounts mostly churn, healthy ones rarely — but neither always.
        var sick = ChurnWhere(h => h < 0.25);
        var healthy = ChurnWhere(h => h > 0.7);
        Assert.InRange(sick, 0.35, 0.8);
        Assert.InRange(healthy, 0.005, 0.08);
        double Share(PersonaKind persona, OutcomeKind outcome)
        {
            var of = labels.Where(l => l.Persona == persona).ToList();
            return of.Count(l => l.Outcome == outcome) / (double)of.Count;
        }
        // Personas shape health, so they still differ on average; no persona decides the outcome.
        Assert.True(Share(PersonaKind.SlowDecliner, OutcomeKind.Churns) > 2 * Share(PersonaKind.HealthyPowerUser, OutcomeKind.Churns));
        Assert.True(Share(PersonaKind.Expander, OutcomeKind.Expands) > 0.7);
        foreach (var persona in Enum.GetValues<PersonaKind>())
            Assert.InRange(Share(persona, OutcomeKind.Churns), 0.005, 0.6);
        // Every persona and tier carried over from the profile.
        foreach (var label in labels.Take(300))
        {
            var profile = generator.Account(int.Parse(label.AccountId["acct-".Length..])).Profile;
            Assert.Equal(profile.Persona, label.Persona);
            Assert.Equal(profile.Tier, label.Tier);
        }
    }

    [Fact]
    public void Churn_and_renewal_happen_after_today_and_contracted_accounts_leave_at_renewal()
    {
        var generator = Sim.Generator(3000);
        var today = new DateTimeOffset(Sim.Anchor.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var label in LabelsFile.Of(generator))
        {
            var profile = generator.Account(int.Parse(label.AccountId["acct-".Length..])).Profile;
            var renewal = new DateTimeOffset(profile.RenewalDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            Assert.Equal(TimeSpan.Zero, label.At.TimeOfDay);
            switch (label.Outcome)
            {
                case OutcomeKind.Renews:
                    Assert.Equal(renewal, label.At);
                    break;
                case OutcomeKind.Churns:
                    Assert.True(label.At > today && label.At <= renewal, $"{label.AccountId} churns {label.At:d}, renewal {renewal:d}");
                    // Contracted tiers leave at renewal; monthly self-serve plans within the next 60 days.
                    if (profile.Tier is AccountTier.LowTouch or AccountTier.HighTouch) Assert.Equal(renewal, label.At);
                    else Assert.True(label.At <= today.AddDays(60), $"{label.AccountId} churns {label.At:d}");
                    break;
                case OutcomeKind.Expands when profile.Persona == PersonaKind.Expander && profile.OnsetDay is { } day:
                    Assert.Equal(today.AddDays(day - Sim.Days), label.At); // the upgrade in the history
                    break;
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void The_base_churn_rate_of_a_book_is_12_to_16_percent(long seed)
    {
        var labels = LabelsFile.Of(Sim.Generator(2000, seed: seed, backfillDays: 90)).ToList();
        var churn = labels.Count(l => l.Outcome == OutcomeKind.Churns) / (double)labels.Count;
        Assert.InRange(churn, 0.11, 0.17);
    }
}
