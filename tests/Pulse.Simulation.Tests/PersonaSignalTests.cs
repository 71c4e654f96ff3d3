using Pulse.Simulation.Generation;
using Pulse.Simulation.Latent;
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

    /// <summary>
    /// Each account's sessions per day in the last 30 days over its sessions per day before (a multi-user account is
    /// active nearly every day even when few of its users are, so sessions, not active days, show a fall).
    /// </summary>
    private static List<double> UsageRatios(Dictionary<int, List<SimMessage>> history) =>
        history.Values.Select(m => (Sessions(m, B - 29, B) / 30.0) / (Sessions(m, 0, B - 30) / (double)(B - 29))).Where(double.IsFinite).ToList();

    [Fact]
    public void Healthy_power_users_mostly_use_the_product_steadily_and_pay_on_time()
    {
        var (_, history) = Population(PersonaKind.HealthyPowerUser, accounts: 200);
        var ratios = UsageRatios(history);
        // Hidden health drifts and a share quietly declines, so not every account is steady — most are.
        Assert.True(ratios.Count(r => r > 0.6) >= 0.8 * ratios.Count, $"{ratios.Count(r => r > 0.6)} of {ratios.Count} steady");
        var keyFeatures = history.Values.Average(m => m.Where(x => x.Is("Feature Used") && (bool)x.Get("key")!).Select(x => x.GetString("feature")).Distinct().Count());
        Assert.True(keyFeatures >= 2.5, $"{keyFeatures:F1} key features on average");
        var failing = history.Values.Count(m => m.Any(x => x.Is("Payment Failed")));
        Assert.True(failing < 0.15 * history.Count, $"{failing} of {history.Count} had a failed payment");
    }

    [Fact]
    public void Slow_decliners_sessions_in_the_last_30_days_fall_below_their_earlier_baseline_far_more_than_healthy_accounts()
    {
        var decliners = UsageRatios(Population(PersonaKind.SlowDecliner, accounts: 200).History);
        var healthy = UsageRatios(Population(PersonaKind.HealthyPowerUser, accounts: 200).History);
        // The model flags a 25 % drop: most decliners are past it, few healthy accounts are — but the size of the fall
        // is each account's own (0.15–0.6 of health), so some decliners barely show it.
        Assert.True(decliners.Average() < 0.75, $"average decliner ratio {decliners.Average():F2}");
        Assert.True(decliners.Average() < healthy.Average() - 0.2, $"decliners {decliners.Average():F2}, healthy {healthy.Average():F2}");
        Assert.True(decliners.Count(r => r <= 0.75) > 0.6 * decliners.Count, $"{decliners.Count(r => r <= 0.75)} of {decliners.Count} past a 25 % drop");
        Assert.True(healthy.Count(r => r <= 0.75) < 0.35 * healthy.Count, $"{healthy.Count(r => r <= 0.75)} of {healthy.Count} healthy past a 25 % drop");
    }

    [Fact]
    public void Onboarding_stalls_never_go_live_in_history_and_only_lifecycle_pipelines_show_signing_and_milestones()
    {
        var (generator, history) = Population(PersonaKind.OnboardingStall);
        int sending = 0;
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            Assert.DoesNotContain(messages, m => m.Is("Go Live Completed"));
            if (LatentAccount.For(generator.Options, profile).SendsLifecycleEvents)
            {
                sending++;
                Assert.Contains(messages, m => m.Is("Contract Signed"));
                Assert.InRange(messages.Count(m => m.Is("Onboarding Milestone Completed")), 1, 3);
            }
            else
            {
                Assert.DoesNotContain(messages, m => m.Is("Contract Signed") || m.Is("Onboarding Milestone Completed"));
            }
        }
        Assert.InRange(sending, 20, 100);
        double LastSeats(Dictionary<int, List<SimMessage>> of) => of.Values.Select(m => m.LastOrDefault(x => x.Is("Seats Updated"))).OfType<SimMessage>().Average(SeatRatio);
        var stalled = LastSeats(history);
        var healthy = LastSeats(Population(PersonaKind.HealthyPowerUser).History);
        Assert.True(stalled < healthy - 0.15, $"stalls keep {stalled:P0} of seats active on average, healthy accounts {healthy:P0}");
        // Some get unstuck live: the remaining milestones, then go-live (where the pipeline sends it).
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
            before += Sessions(messages, 0, onset - 1) / (double)onset;
            after += Sessions(messages, onset + 1, B - 1) / (double)(B - 1 - onset);
        }
        Assert.True(after < before * 0.8, $"sessions per day {before / history.Count:F2} before, {after / history.Count:F2} after");
    }

    private static int Sessions(IEnumerable<SimMessage> messages, int from, int to) =>
        messages.Count(m => m.Is("Session Started") && Sim.DayOf(m.Timestamp) >= from && Sim.DayOf(m.Timestamp) <= to);

    [Fact]
    public void Seasonal_consumers_are_b2c_with_bursts_and_quiet_gaps()
    {
        var (generator, history) = Population(PersonaKind.SeasonalConsumer);
        var bursty = 0;
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
            Assert.Equal(AccountTier.B2C, profile.Tier);
            Assert.DoesNotContain(messages, m => m.Is("Seats Updated"));
            var active = messages.Where(Sim.IsProductActivity).Select(m => Sim.DayOf(m.Timestamp)).ToHashSet();
            var busiestWeek = Enumerable.Range(0, B - 6).Max(d => Enumerable.Range(d, 7).Count(active.Contains));
            var longestGap = 0;
            for (int d = 0, gap = 0; d < B; d++) longestGap = Math.Max(longestGap, gap = active.Contains(d) ? 0 : gap + 1);
            if (busiestWeek >= 3 && longestGap >= 7) bursty++;
        }
        // A seasonal account in poor health barely uses the product even in season; the rest burst and go quiet.
        Assert.True(bursty >= 0.75 * history.Count, $"{bursty} of {history.Count} bursty");
    }

    [Fact]
    public void Expanders_fill_more_than_80_percent_of_their_seats_and_upgrade()
    {
        var (generator, history) = Population(PersonaKind.Expander, accounts: 150);
        var live = Sim.LiveRounds(generator, generator.Options.LiveEpisodeRounds + 2);
        foreach (var (index, messages) in history)
        {
            var profile = generator.Account(index).Profile;
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
    public void The_default_mix_has_every_persona_in_its_share_and_a_tech_touch_book_of_tiers()
    {
        var profiles = Sim.Generator(4000).Profiles().ToList();
        var weights = PersonaMix.Default.Weights.ToDictionary(w => w.Kind, w => w.Weight / PersonaMix.Default.Weights.Sum(x => x.Weight));
        foreach (var kind in Enum.GetValues<PersonaKind>())
            Assert.InRange(profiles.Count(p => p.Persona == kind) / 4000.0, weights[kind] - 0.03, weights[kind] + 0.03);
        double Share(AccountTier tier) => profiles.Count(p => p.Tier == tier) / 4000.0;
        // Mostly B2C and tech-touch, some low-touch, few high-touch.
        Assert.InRange(Share(AccountTier.B2C) + Share(AccountTier.TechTouch), 0.65, 0.85);
        Assert.InRange(Share(AccountTier.LowTouch), 0.12, 0.28);
        Assert.InRange(Share(AccountTier.HighTouch), 0.03, 0.1);
        Assert.Equal(profiles.Count, profiles.Select(p => p.AccountId).Distinct().Count());
        Assert.Equal("acct-000001", profiles[0].AccountId);
        Assert.All(profiles, p => Assert.True(p.Arr > 0 && p.Seats > 0 && p.RenewalDate > DateOnly.FromDateTime(Sim.Anchor.UtcDateTime)));
    }

    [Fact]
    public void Events_are_per_user_one_session_per_active_user_per_day_and_weekly_seats()
    {
        var generator = Sim.Generator(500);
        var history = Sim.BackfillByAccount(generator);
        var perAccountDay = history.Values.Sum(m => m.Count) / (500.0 * B);
        // Daily roll-ups keep it below the ~10 events per account-day of a raw per-event pipeline, but users show.
        Assert.InRange(perAccountDay, 4, 12);
        foreach (var (index, messages) in history)
        {
            var sessions = messages.Where(m => m.Is("Session Started")).GroupBy(m => (m.UserId, Sim.DayOf(m.Timestamp))).ToList();
            Assert.All(sessions, g => Assert.Single(g));
            var profile = generator.Account(index).Profile;
            if (!profile.IsB2B) continue;
            var seatDays = messages.Where(m => m.Is("Seats Updated")).Select(m => Sim.DayOf(m.Timestamp)).ToList();
            Assert.InRange(seatDays.Count, B / 7 - 1, B / 7 + 3);
        }
        var usersPerActiveDay = history.Values.SelectMany(m => m.Where(x => x.Is("Session Started")).GroupBy(x => Sim.DayOf(x.Timestamp)).Select(g => g.Count())).Average();
        Assert.True(usersPerActiveDay > 2, $"{usersPerActiveDay:F1} active users per active account-day");
    }
}
