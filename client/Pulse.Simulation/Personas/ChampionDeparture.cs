using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A healthy account whose champion (user 1) leaves (the onset): <c>Contact Role Changed {role: champion, change:
/// departed}</c>, then e-mails to them bounce, use drops to about half, seats go idle and the next survey from the
/// remaining admin is lukewarm. Hidden health (0.55–0.92) falls by 0.1–0.45 over the following week; the accounts that
/// regain much of it name a new champion one to two weeks later.
/// </summary>
public sealed class ChampionDeparture : Persona
{
    public override PersonaKind Kind => PersonaKind.ChampionDeparture;

    public override AccountTier ChooseTier(DeterministicRandom random)
    {
        var x = random.NextDouble();
        return x < 0.45 ? AccountTier.TechTouch : x < 0.85 ? AccountTier.LowTouch : AccountTier.HighTouch;
    }

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.55, 0.92), Shock: random.Between(0.1, 0.45), RampDays: 7, Recovery: random.Chance(0.4) ? random.Between(0.3, 0.7) : 0);

    public override int MinSeats => 3;

    public override (int From, int To)? BackfillOnset(int backfillDays) =>
        Window(backfillDays, backfillDays - 20, backfillDays - 5, minimumHistory: 10);

    public override bool CanStartLive => true;

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private const int Champion = 1;
        private const int Successor = 2;
        private readonly double _seats;
        private readonly int _bounceAfter, _npsAfter, _replacedAfter;
        private bool _departed, _replaced;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _seats = r.Between(0.65, 0.8);
            _bounceAfter = r.Between(1, 3);
            _npsAfter = r.Chance(0.5) ? r.Between(2, 8) : -1;
            _replacedAfter = a.Latent.Shape.Recovery > 0 ? r.Between(7, 14) : -1;
            a.State.KeyFeatureBreadth = r.Between(3, 4);
        }

        private double UsageFactor => !_departed ? 1 : _replaced ? 0.8 : 0.5;

        /// <summary>Plays step <paramref name="offset"/> (days or live steps) after the departure.</summary>
        private void Episode(AccountContext a, int offset)
        {
            if (offset == 0)
            {
                LoseChampion(a, Champion, Successor);
                _departed = true;
            }
            if (offset == _bounceAfter) a.Track("Email Bounced", Successor, Prop.Of("campaign", "qbr-invite"));
            if (offset == _npsAfter) Nps(a, a.IsLive ? a.Random.Between(4, 6) : NpsScore(a, a.Health), Successor);
            if (offset == _replacedAfter)
            {
                RoleChanged(a, Successor, "champion", "assigned");
                _replaced = true;
            }
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            if (a.Profile.OnsetDay is { } onset && a.Day >= onset) Episode(a, a.Day - onset);
            DailyLife(a, championHazard: false);
        }

        public override void OnLiveRound(AccountContext a)
        {
            var step = LiveStep(a);
            if (a.Profile.OnsetRound is { } onset && a.Round >= onset && (a.Round - onset) % step == 0)
            {
                Episode(a, (a.Round - onset) / step);
                if (a.Round == onset) ReportSeats(a, _seats * 0.75, force: true);
            }
            UseProductLive(a, 0.8 * UsageFactor);
            LiveSupport(a, 1.0 / 5000, 0.02, 3, 5);
        }
    }
}
