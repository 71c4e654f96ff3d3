using Pulse.Simulation.Generation;
using Pulse.Simulation.Latent;
using Pulse.Simulation.Outcomes;

namespace Pulse.Simulation.Tests;

/// <summary>
/// The hard truths of a real book of business that the simulator must carry (issue #10): churn drawn from a hidden
/// health the events reveal only noisily, churn with no warning, demanding customers who renew, pipelines without
/// lifecycle events, surveys rarely answered.
/// </summary>
public class LatentTruthTests
{
    private const int Days = 90;

    /// <summary>One book of 2,000 accounts × 90 days, shared by the tests of this class (generated once).</summary>
    private static readonly Lazy<Book> Shared = new(() => new Book(Sim.Generator(2000, seed: 101, backfillDays: Days)));

    private sealed class Book
    {
        public Book(CustomerGenerator generator)
        {
            Generator = generator;
            Accounts = generator.Profiles().Select(p =>
            {
                var latent = LatentAccount.For(generator.Options, p);
                return (p, latent, OutcomeModel.For(generator.Options, p, latent));
            }).ToList();
            History = Sim.BackfillByAccount(generator);
        }

        public CustomerGenerator Generator { get; }
        public List<(AccountProfile Profile, LatentAccount Latent, GroundTruth Truth)> Accounts { get; }
        public Dictionary<int, List<SimMessage>> History { get; }
    }

    private static bool Churns(GroundTruth t) => t.Outcome == OutcomeKind.Churns;

    [Fact]
    public void Hidden_health_is_reproducible_and_stays_in_range()
    {
        var options = Sim.Options(50, seed: 5, backfillDays: Days);
        foreach (var profile in new CustomerGenerator(options).Profiles())
        {
            var a = LatentAccount.For(options, profile);
            var b = LatentAccount.For(options, profile);
            Assert.Equal(Enumerable.Range(0, Days + 1).Select(a.At), Enumerable.Range(0, Days + 1).Select(b.At));
            Assert.All(Enumerable.Range(0, Days + 1), d => Assert.InRange(a.At(d), 0, 1));
        }
    }

    [Fact]
    public void Some_accounts_churn_with_no_warning_whatever_their_health()
    {
        var book = Shared.Value;
        var noWarning = book.Accounts.Where(a => a.Latent.ChurnsWithoutWarning).ToList();
        Assert.InRange(noWarning.Count, 20, 110); // ≈ 3 % of 2,000
        Assert.All(noWarning, a => Assert.True(Churns(a.Truth)));
        // Many of them look healthy: nothing in their events foretells it.
        Assert.True(noWarning.Count(a => a.Latent.End > 0.6) >= noWarning.Count / 3, $"{noWarning.Count(a => a.Latent.End > 0.6)} of {noWarning.Count} healthy");
    }

    [Fact]
    public void Demanding_customers_file_many_tickets_with_P1s_and_still_renew()
    {
        var book = Shared.Value;
        var demanding = book.Accounts.Where(a => a.Latent.Demanding).ToList();
        var peers = book.Accounts.Where(a => !a.Latent.Demanding && a.Latent.End >= LatentAccount.DemandingMinHealth && a.Profile.Persona != Personas.PersonaKind.SupportStorm).ToList();
        Assert.InRange(demanding.Count, 50, 200);
        double Tickets(IEnumerable<(AccountProfile Profile, LatentAccount, GroundTruth)> of) =>
            of.Average(a => book.History[a.Profile.Index].Count(m => m.Is("Ticket Opened")));
        var ratio = Tickets(demanding) / Tickets(peers);
        Assert.True(ratio >= 3, $"demanding accounts file {ratio:F1}× the tickets of equally healthy peers");
        Assert.Contains(demanding, a => book.History[a.Profile.Index].Any(m => m.Is("Ticket Opened") && m.GetString("priority") == "P1"));
        var renewed = demanding.Count(a => !Churns(a.Truth));
        Assert.True(renewed >= 0.9 * demanding.Count, $"{renewed} of {demanding.Count} demanding customers stay");
    }

    private static readonly string[] LifecycleEvents = ["Go Live Completed", "Milestone Reached", "Onboarding Milestone Completed", "Contract Signed"];

    [Fact]
    public void Most_pipelines_of_every_tier_send_no_lifecycle_events_and_the_rest_do()
    {
        var book = Shared.Value;
        foreach (var tier in new[] { AccountTier.TechTouch, AccountTier.LowTouch, AccountTier.HighTouch, AccountTier.B2C })
        {
            var of = book.Accounts.Where(a => a.Profile.Tier == tier).ToList();
            var silent = of.Count(a => !book.History[a.Profile.Index].Any(m => m.Type == "track" && LifecycleEvents.Contains(m.Event)));
            var share = silent / (double)of.Count;
            if (tier == AccountTier.B2C) Assert.Equal(1.0, share);
            else Assert.InRange(share, 0.45, 0.8);
            // Whoever sends none is exactly the pipeline that never sends them.
            Assert.All(of.Where(a => !a.Latent.SendsLifecycleEvents), a =>
                Assert.DoesNotContain(book.History[a.Profile.Index], m => m.Type == "track" && LifecycleEvents.Contains(m.Event)));
        }
    }

    [Fact]
    public void Surveys_go_out_every_30_to_90_days_and_are_rarely_answered()
    {
        var book = Shared.Value;
        var all = book.History.Values.SelectMany(m => m).ToList();
        var sent = all.Count(m => m.Is("Survey Sent"));
        var answered = all.Count(m => m.Is("NPS Submitted"));
        Assert.True(sent >= 2000, $"{sent} surveys for 2,000 accounts over 90 days");
        Assert.InRange(answered / (double)sent, 0.1, 0.3);
    }

    [Fact]
    public void Events_reveal_health_only_noisily()
    {
        var book = Shared.Value;
        // Usage tracks health (the strongest signal) but is far from a copy of it: style and chance blur it.
        var usage = book.Accounts.Select(a => book.History[a.Profile.Index].Count(m => m.Is("Session Started") && Sim.DayOf(m.Timestamp, Days) >= Days - 30)
            / (double)Math.Max(1, a.Profile.Users)).ToArray();
        var health = book.Accounts.Select(a => a.Latent.End).ToArray();
        var r = Correlation(usage, health);
        Assert.InRange(r, 0.5, 0.9);
        // The hidden health itself ranks churners well, not perfectly: churn is drawn from it with noise.
        var auc = Auc(book.Accounts.Select(a => (1 - a.Latent.End, Churns(a.Truth))).ToList());
        Assert.InRange(auc, 0.78, 0.9);
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), cov = 0, vx = 0, vy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            cov += (x[i] - mx) * (y[i] - my);
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
        }
        return cov / Math.Sqrt(vx * vy);
    }

    /// <summary>Pairwise AUC (ties ½): small enough here to count pairs directly.</summary>
    private static double Auc(List<(double Risk, bool Churned)> scored)
    {
        var pos = scored.Where(s => s.Churned).Select(s => s.Risk).ToList();
        var neg = scored.Where(s => !s.Churned).Select(s => s.Risk).ToList();
        double wins = 0;
        foreach (var p in pos) foreach (var n in neg) wins += p > n ? 1 : p == n ? 0.5 : 0;
        return wins / pos.Count / neg.Count;
    }
}
