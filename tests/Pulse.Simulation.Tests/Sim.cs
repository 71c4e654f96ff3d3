using System.Text.Json;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Tests;

/// <summary>Shared helpers: generators on a fixed anchor, a fixed clock, per-account views of a stream.</summary>
internal static class Sim
{
    public static readonly DateTimeOffset Anchor = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public const int Days = 45;

    public static GeneratorOptions Options(int accounts, PersonaKind? only = null, long seed = 7, int backfillDays = Days,
        double liveOnsetShare = 0.3, int liveEpisodeRounds = 40) => new()
        {
            Seed = seed,
            Accounts = accounts,
            BackfillDays = backfillDays,
            Anchor = Anchor,
            PersonaMix = only is { } kind ? PersonaMix.Only(kind) : PersonaMix.Default,
            LiveOnsetShare = liveOnsetShare,
            LiveEpisodeRounds = liveEpisodeRounds,
        };

    public static CustomerGenerator Generator(int accounts, PersonaKind? only = null, long seed = 7, int backfillDays = Days,
        double liveOnsetShare = 0.3, int liveEpisodeRounds = 40) =>
        new(Options(accounts, only, seed, backfillDays, liveOnsetShare, liveEpisodeRounds));

    /// <summary>Backfill day index of a timestamp (0 = first day of history; <see cref="Days"/> = today).</summary>
    public static int DayOf(DateTimeOffset t, int backfillDays = Days) => (t.UtcDateTime.Date - Anchor.UtcDateTime.Date).Days + backfillDays;

    public static readonly HashSet<string> ProductEvents =
        ["Session Started", "Page Viewed", "Feature Used", "Milestone Reached", "Onboarding Milestone Completed", "Go Live Completed"];

    public static bool IsProductActivity(SimMessage m) => m.Type == "track" && ProductEvents.Contains(m.Event!);

    /// <summary>Distinct days with product activity, within [from, to].</summary>
    public static int ActiveDays(IEnumerable<SimMessage> messages, int from, int to) =>
        messages.Where(IsProductActivity).Select(m => DayOf(m.Timestamp)).Where(d => d >= from && d <= to).Distinct().Count();

    /// <summary>
    /// Active days per 30 in the model's recent window (the 30 days up to today) over those in the baseline before it,
    /// as Pulse's adoption scorer computes them.
    /// </summary>
    public static double BaselineRatio(IReadOnlyList<SimMessage> messages, out double recentPer30, out double baselinePer30)
    {
        var recentFrom = Days - 29;
        recentPer30 = ActiveDays(messages, recentFrom, Days);
        baselinePer30 = ActiveDays(messages, 0, recentFrom - 1) * 30.0 / recentFrom;
        return recentPer30 / baselinePer30;
    }

    /// <summary>Plays live rounds of every account (one partition) and returns their messages by account.</summary>
    public static Dictionary<int, List<SimMessage>> LiveRounds(CustomerGenerator generator, int rounds, TimeProvider? clock = null)
    {
        clock ??= new FixedClock(Anchor);
        var result = new Dictionary<int, List<SimMessage>>();
        foreach (var account in generator.Partition(0, 1))
        {
            var list = result[account.Profile.Index] = [];
            while (account.NextRound < rounds) list.AddRange(account.NextLiveRound(clock.GetUtcNow()));
        }
        return result;
    }

    public static Dictionary<int, List<SimMessage>> BackfillByAccount(CustomerGenerator generator) =>
        generator.Partition(0, 1).ToDictionary(a => a.Profile.Index, a => a.Backfill().ToList());

    public static JsonElement Parse(SimMessage m) => JsonDocument.Parse(m.Json).RootElement.Clone();
}

/// <summary>A clock that stands still (or moves only when told): live timestamps become reproducible.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
