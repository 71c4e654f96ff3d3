using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A healthy account (hidden health 0.55–0.92) hit by a burst of 5–9 tickets within a few days (the onset), opened
/// with a P1 and often an outage, one or two escalated. The storm costs 0.05–0.35 of health overnight, half of it
/// regained over three weeks: some storms are a bad week, others the start of the end. In history the storm falls in
/// the last week, so it is still "≥ 5 tickets in 7 days" (the model's danger level) when live starts; live storms
/// unfold over a few dozen rounds.
/// </summary>
public sealed class SupportStorm : Persona
{
    public override PersonaKind Kind => PersonaKind.SupportStorm;

    public override (int From, int To)? BackfillOnset(int backfillDays) =>
        Window(backfillDays, backfillDays - 6, backfillDays - 4, minimumHistory: 7);

    public override bool CanStartLive => true;

    public override AccountTier ChooseTier(DeterministicRandom random) =>
        random.Chance(0.2) ? AccountTier.B2C : AccountTiers.PickB2B(random);

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.55, 0.92), Shock: random.Between(0.05, 0.35), Recovery: 0.5, RecoveryDays: 21);

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly int _tickets, _span, _escalations;
        private readonly bool _outage;
        private readonly List<Ticket> _storm = [];
        private int _opened;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _tickets = r.Between(5, 9);
            _span = r.Between(2, 3);
            _escalations = r.Between(1, 2);
            _outage = r.Chance(0.5);
            a.State.KeyFeatureBreadth = r.Between(2, 4);
        }

        private bool StormStarted(AccountContext a) =>
            a.IsLive ? a.Profile.OnsetRound is { } round && a.Round >= round : a.Profile.OnsetDay is { } day && a.Day >= day;

        /// <summary>Opens ticket number <see cref="_opened"/>: the first is a P1, the rest P1–P3.</summary>
        private void OpenStormTicket(AccountContext a, int solveAt)
        {
            if (_opened == 0 && _outage) OutageReported(a, "major", a.Random.Between(30, 240));
            var priority = _opened == 0 ? 1 : a.Random.Between(1, 3);
            _storm.Add(OpenTicket(a, priority, solveAt));
            _opened++;
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            DailyLife(a);
            if (!StormStarted(a) || a.Profile.OnsetDay is not { } onset) return;

            // Ticket j opens on day onset + j·span/n: all within the span, several on the same day.
            var offset = a.Day - onset;
            while (_opened < _tickets && _opened * _span / _tickets <= offset)
            {
                // A couple get solved 2–4 days later; the rest stay open into the live phase.
                var solveAt = _opened is 1 or 3 ? a.Day + a.Random.Between(2, 4) : int.MaxValue;
                OpenStormTicket(a, solveAt);
            }
            foreach (var t in _storm.Take(_escalations))
                if (!t.Escalated && offset >= 1) Escalate(a, t);
        }

        public override void OnLiveRound(AccountContext a)
        {
            var storming = StormStarted(a);
            UseProductLive(a, storming ? 0.5 : 0.75);
            var step = LiveStep(a);
            // Tickets left open by a storm in history get solved over the first minutes, with unhappy CSAT.
            LiveSupport(a, storming ? 0 : 1.0 / 5000, 1.0 / (step * 12), 1, 3);
            if (!storming || a.Profile.OnsetRound is not { } onset) return;

            var offset = a.Round - onset;
            if (offset % step != 0) return;
            var n = offset / step;
            if (_opened < _tickets) OpenStormTicket(a, a.Round + step * a.Random.Between(6, 20));
            if (n >= 1 && n <= _escalations && n - 1 < _storm.Count) Escalate(a, _storm[n - 1]);
            if (n == _tickets + 2 && a.Random.Chance(0.5)) Nps(a, a.Random.Between(2, 5));
        }
    }
}
