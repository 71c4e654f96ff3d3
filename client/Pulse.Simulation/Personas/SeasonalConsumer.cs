using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A B2C subscriber who uses the app in seasons: a burst of near-daily use for a third to a half of a 3–5 week cycle,
/// then almost nothing until the next season. Pays monthly by card (a declined card now and then, retried the next
/// day), opens the season's kickoff e-mail. Hidden health 0.5–0.9, drifting a little: healthy on average, but its
/// active days swing against its own baseline.
/// </summary>
public sealed class SeasonalConsumer : Persona
{
    public override PersonaKind Kind => PersonaKind.SeasonalConsumer;

    public override AccountTier ChooseTier(DeterministicRandom random) => AccountTier.B2C;

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.5, 0.9), random.Between(-0.15, 0.05));

    public override PersonaScript Start(AccountContext account) => new Script(account);

    /// <summary>True when <paramref name="day"/> is in season for a cycle of <paramref name="period"/> days.</summary>
    public static bool InSeason(int day, int period, int seasonLength, int phase) => (day + phase) % period < seasonLength;

    private sealed class Script : PersonaScript
    {
        private readonly int _period, _season, _phase;
        private readonly double _inSeason;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _period = r.Between(21, 35);
            _season = (int)(_period * r.Between(0.35, 0.5));
            _phase = r.Next(_period);
            _inSeason = r.Between(1.3, 1.8);
            a.State.KeyFeatureBreadth = r.Between(1, 3);
        }

        public override void OnDay(AccountContext a)
        {
            var season = InSeason(a.Day, _period, _season, _phase);
            DailyLife(a, season ? _inSeason : 0.04);
            if (season && !InSeason(a.Day - 1, _period, _season, _phase) && a.Random.Chance(0.5))
                a.Track("Email Opened", a.State.ContactUser, Prop.Of("campaign", "season-kickoff"));
            if (a.Random.Chance(1.0 / 400)) a.Track("Email Unsubscribed", a.State.ContactUser, Prop.Of("campaign", "season-kickoff"));
        }

        public override void OnLiveRound(AccountContext a)
        {
            // Seasons continue in live rounds, half an episode window per cycle.
            var period = Math.Max(4, a.Options.LiveEpisodeRounds / 2);
            var season = InSeason(a.Round, period, period * _season / _period, _phase * period / _period);
            UseProductLive(a, season ? 0.5 : 0.04);
            if (a.Random.Chance(1.0 / 8000)) Nps(a, a.Random.Between(6, 10));
        }
    }
}
