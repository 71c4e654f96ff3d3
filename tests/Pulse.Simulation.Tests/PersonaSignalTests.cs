using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Tests;

/// <summary>Each persona produces the signal it stands for, in the terms Pulse's health model reads it.</summary>
public class PersonaSignalTests
{
    private const int B = Sim.Days;

    private static (CustomerGenerator Generator, Dictionary<int, List<SimMessage>> History) Population(PersonaKind kind, int accounts = 150, double liveShare = 0.3)
    {
        var generator = Sim.Generator(accounts, kind, liveOnsetShare: liveShare);
        return (generator, Sim.BackfillByAccount(generator));
    }

    private static double SeatRatio(SimMessage m) => (double)m.GetLong("active")! / m.GetLong("purchased")!.Value;

    /// <summary>Most tickets opened in any 7 consecutive days.</summary>
    private static int MaxTicketsIn7Days(IEnumerable<SimMessage> messages)
    {
        var days = messages.Where(m => m.Is("Ticket Opened")).Select(m => Sim.DayOf(m.Timestamp)).ToList();
        return days.Count == 0 ? 0 : days.Max(d => days.Count(x => x >= d && x < d + 7));
    }

    [Fact]
    public void Healthy_power_users_use_the_product_steadily_and_deeply_and_pay_on_time()
    {
        var (generator, history) = Population(PersonaKind.HealthyPowerUser);
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            var ratio = Sim.BaselineRatio(messages, out var recent, out _);
            Assert.True(ratio > 0.75, $"{profile.AccountId} ({profile.Tier}): usage ratio {ratio:F2} would read as a drop");
            Assert.True(recent >= 12, $"{profile.AccountId}: only {recent} active days in 30");
            var keyFeatures = messages.Where(m => m.Is("Feature Used") && (bool)m.Get("key")!).Select(m => m.GetString("feature")).Distinct().Count();
            Assert.True(keyFeatures >= 3, $"{profile.AccountId}: {keyFeatures} key features");
            Assert.DoesNotContain(messages, m => m.Is("Payment Failed"));
            Assert.True(MaxTicketsIn7Days(messages) < 3, $"{profile.AccountId}: {MaxTicketsIn7Days(messages)} tickets in a week");
            if (profile.IsB2B)
                Assert.All(messages.Where(m => m.Is("Seats Updated")), m => Assert.InRange(SeatRatio(m), 0.55, 0.82));
        }
    }

    [Fact]
    public void Slow_decliners_active_days_in_the_last_30_fall_clearly_below_their_earlier_baseline()
    {
        var (generator, history) = Population(PersonaKind.SlowDecliner, accounts: 200);
        var ratios = new List<double>();
        foreach (var (index, messages) in history)
        {
            var ratio = Sim.BaselineRatio(messages, out var recent, out var baseline);
            // The model flags a 25 % drop; every decliner is well past it.
            Assert.True(ratio <= 0.7, $"{generator.Account(index).Profile.AccountId}: recent {recent} vs baseline {baseline:F1} per 30 days");
            ratios.Add(ratio);
            var seats = messages.Where(m => m.Is("Seats Updated")).ToList();
            if (generator.Account(index).Profile.IsB2B) Assert.True(SeatRatio(seats[^1]) < SeatRatio(seats[0]) - 0.2);
        }
        Assert.True(ratios.Average() < 0.55, $"average ratio {ratios.Average():F2}");
    }

    [Fact]
    public void Onboarding_stalls_sign_complete_a_few_milestones_and_never_go_live_in_history()
    {
        var (generator, history) = Population(PersonaKind.OnboardingStall);
        foreach (var (index, messages) in history)
        {
            var id = generator.Account(index).Profile.AccountId;
            Assert.Contains(messages, m => m.Is("Contract Signed"));
            Assert.DoesNotContain(messages, m => m.Is("Go Live Completed"));
            Assert.InRange(messages.Count(m => m.Is("Onboarding Milestone Completed")), 1, 3);
            Assert.True(SeatRatio(messages.Last(m => m.Is("Seats Updated"))) < 0.25, id);
            Assert.True(Sim.ActiveDays(messages, B - 29, B) <= 8, id);
        }
        // Some get unstuck live: the remaining milestones, then go-live.
        var live = Sim.LiveRounds(generator, generator.Options.LiveEpisodeRounds + 6 * Behaviour.LiveStep(generator.Options) + 2);
        Assert.Contains(live.Values, messages => messages.Any(m => m.Is("Go Live Completed")));
    }

    [Fact]
    public void Support_storms_open_at_least_five_tickets_within_seven_days()
    {
        var (generator, history) = Population(PersonaKind.SupportStorm, accounts: 200);
        var liveRounds = generator.Options.LiveEpisodeRounds + 10 * Behaviour.LiveStep(generator.Options);
        var live = Sim.LiveRounds(generator, liveRounds);
        int inHistory = 0, inLive = 0;
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            if (profile.OnsetDay is { } onset)
            {
                inHistory++;
                // Still inside the model's 7-day window when the live phase starts (today - 6 … today).
                var recent = messages.Count(m => m.Is("Ticket Opened") && Sim.DayOf(m.Timestamp) >= B - 6);
                Assert.True(recent >= 5, $"{profile.AccountId}: {recent} tickets in the last 7 days");
                Assert.Contains(messages, m => m.Is("Ticket Escalated"));
                Assert.Contains(messages, m => m.Is("Ticket Opened") && m.GetString("priority") == "P1" && Sim.DayOf(m.Timestamp) == onset);
            }
            else
            {
                inLive++;
                var tickets = live[index].Count(m => m.Is("Ticket Opened"));
                Assert.True(tickets >= 5, $"{profile.AccountId}: {tickets} tickets in its live storm");
            }
        }
        Assert.True(inHistory > 100 && inLive > 30, $"{inHistory} storms in history, {inLive} live");
    }

    [Fact]
    public void Payment_trouble_means_failed_payments_or_invoices_more_than_30_days_overdue()
    {
        var (generator, history) = Population(PersonaKind.PaymentTrouble, accounts: 200);
        var today = DateOnly.FromDateTime(Sim.Anchor.UtcDateTime);
        var live = Sim.LiveRounds(generator, generator.Options.LiveEpisodeRounds + 2);
        int overdue = 0, failed = 0, liveFailed = 0;
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            if (profile.OnsetDay is null)
            {
                Assert.Contains(live[index], m => m.Is("Payment Failed"));
                liveFailed++;
                continue;
            }
            var paid = messages.Where(m => m.Is("Payment Received")).Select(m => m.GetString("invoiceId")).ToHashSet();
            var severelyOverdue = messages.Any(m => m.Is("Invoice Issued") && !paid.Contains(m.GetString("invoiceId"))
                && today.DayNumber - ((DateOnly)m.Get("dueDate")!).DayNumber > 30);
            var recentFailure = messages.Any(m => m.Is("Payment Failed") && Sim.DayOf(m.Timestamp) >= B - 30);
            Assert.True(severelyOverdue || recentFailure, $"{profile.AccountId} shows no payment trouble");
            if (severelyOverdue) overdue++;
            if (recentFailure) failed++;
        }
        Assert.True(overdue > 30 && failed > 30 && liveFailed > 20, $"overdue {overdue}, failed {failed}, live {liveFailed}");
    }

    [Fact]
    public void Champion_departures_lose_their_champion_and_use_drops_afterwards()
    {
        var (generator, history) = Population(PersonaKind.ChampionDeparture, accounts: 200, liveShare: 0);
        double before = 0, after = 0;
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            var onset = profile.OnsetDay!.Value;
            var departure = Assert.Single(messages, m => m.Is("Contact Role Changed") && m.GetString("change") == "departed");
            Assert.Equal("champion", departure.GetString("role"));
            Assert.Equal(profile.UserId(1), departure.UserId);
            Assert.Equal(onset, Sim.DayOf(departure.Timestamp));
            // The champion sends nothing after leaving.
            Assert.DoesNotContain(messages, m => m.Timestamp > departure.Timestamp && m.UserId == profile.UserId(1));
            before += Sim.ActiveDays(messages, 0, onset - 1) / (double)onset;
            after += Sim.ActiveDays(messages, onset + 1, B - 1) / (double)(B - 1 - onset);
        }
        Assert.True(after < before * 0.75, $"active-day rate {before / history.Count:F2} before, {after / history.Count:F2} after");
    }

    [Fact]
    public void Seasonal_consumers_are_b2c_with_bursts_and_quiet_gaps()
    {
        var (generator, history) = Population(PersonaKind.SeasonalConsumer);
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            Assert.Equal(AccountTier.B2C, profile.Tier);
            Assert.DoesNotContain(messages, m => m.Is("Seats Updated"));
            var active = messages.Where(Sim.IsProductActivity).Select(m => Sim.DayOf(m.Timestamp)).ToHashSet();
            var busiestWeek = Enumerable.Range(0, B - 6).Max(d => Enumerable.Range(d, 7).Count(active.Contains));
            var longestGap = 0;
            for (int d = 0, gap = 0; d < B; d++) longestGap = Math.Max(longestGap, gap = active.Contains(d) ? 0 : gap + 1);
            Assert.True(busiestWeek >= 3, $"{profile.AccountId}: busiest week has {busiestWeek} active days");
            Assert.True(longestGap >= 7, $"{profile.AccountId}: longest quiet gap {longestGap} days");
        }
    }

    [Fact]
    public void Expanders_fill_more_than_80_percent_of_their_seats_and_upgrade()
    {
        var (generator, history) = Population(PersonaKind.Expander, accounts: 150);
        var live = Sim.LiveRounds(generator, generator.Options.LiveEpisodeRounds + 2);
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            var seats = messages.Where(m => m.Is("Seats Updated")).ToList();
            Assert.True(SeatRatio(seats[0]) <= 0.8, $"{profile.AccountId} starts at {SeatRatio(seats[0]):P0}");
            Assert.Contains(seats, m => SeatRatio(m) > 0.8);
            var upgrades = messages.Concat(live[index]).Where(m => m.Is("Contract Changed")).ToList();
            var upgrade = Assert.Single(upgrades);
            Assert.Equal("upgrade", upgrade.GetString("change"));
            Assert.True((decimal)upgrade.Get("arr")! > profile.Arr);
            // Seats were above 80 % when the upgrade came, and the new group call carries the bigger contract.
            var all = messages.Concat(live[index]).ToList();
            var at = all.IndexOf(upgrade);
            Assert.True(SeatRatio(all.Take(at).Last(m => m.Is("Seats Updated"))) > 0.8);
            var regroup = all.Skip(at).First(m => m.Type == "group");
            Assert.True(regroup.GetLong("seats") > profile.Seats);
        }
    }

    [Fact]
    public void The_default_mix_has_every_persona_and_tier_in_roughly_the_intended_shares()
    {
        var profiles = Sim.Generator(4000).Profiles().ToList();
        var weights = PersonaMix.Default.Weights.ToDictionary(w => w.Kind, w => w.Weight / PersonaMix.Default.Weights.Sum(x => x.Weight));
        foreach (var kind in Enum.GetValues<PersonaKind>())
            Assert.InRange(profiles.Count(p => p.Persona == kind) / 4000.0, weights[kind] - 0.03, weights[kind] + 0.03);
        foreach (var tier in Enum.GetValues<AccountTier>())
            Assert.True(profiles.Count(p => p.Tier == tier) > 300, $"{tier}: {profiles.Count(p => p.Tier == tier)}");
        Assert.Equal(profiles.Count, profiles.Select(p => p.AccountId).Distinct().Count());
        Assert.Equal("acct-000001", profiles[0].AccountId);
        Assert.All(profiles, p => Assert.True(p.Arr > 0 && p.Seats > 0 && p.RenewalDate > DateOnly.FromDateTime(Sim.Anchor.UtcDateTime)));
    }

    [Fact]
    public void The_backfill_is_compact_about_40_messages_per_account_for_45_days()
    {
        var generator = Sim.Generator(1000);
        var count = generator.Backfill().Count();
        // 10,000 accounts × 45 days stays in the hundreds of thousands.
        Assert.InRange(count / 1000.0, 25, 50);
    }
}
