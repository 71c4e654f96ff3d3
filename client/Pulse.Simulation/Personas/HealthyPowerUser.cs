using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// Uses the product nearly every working day across several key features, keeps 60–80 % of seats active, pays on
/// time, rarely needs support and answers surveys as a promoter. The baseline the risky personas are measured against.
/// </summary>
public sealed class HealthyPowerUser : Persona
{
    public override PersonaKind Kind => PersonaKind.HealthyPowerUser;

    public override AccountTier ChooseTier(DeterministicRandom random) =>
        random.Chance(0.15) ? AccountTier.B2C : AccountTiers.PickB2B(random);

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly double _weekday, _weekend, _seats;
        private readonly int _npsDay, _advocacyDay;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _weekday = a.Profile.IsB2B ? r.Between(0.85, 0.95) : r.Between(0.45, 0.7);
            _weekend = r.Between(0.25, 0.45);
            _seats = r.Between(0.62, 0.78);
            a.State.KeyFeatureBreadth = r.Between(3, 5);
            _npsDay = r.Chance(0.5) ? r.Between(3, Math.Max(3, a.BackfillDays - 1)) : -1;
            _advocacyDay = r.Chance(0.25) ? r.Between(10, Math.Max(10, a.BackfillDays - 1)) : -1;
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            UseProduct(a, _weekday, _weekend);
            ReportSeats(a, _seats + a.Random.Between(-0.015, 0.015));
            if (a.Profile.IsB2B) MonthlyBilling(a, 5, 25); else MonthlyBilling(a, 0, 0);
            RoutineSupport(a, 1.0 / 45, 4, 5);
            if (a.Day == _npsDay) Nps(a, a.Random.Between(9, 10));
            if (a.Day == _advocacyDay) Advocacy(a);
            Emails(a, 1.0 / 25);
        }

        public override void OnLiveRound(AccountContext a)
        {
            UseProductLive(a, 0.8);
            LiveSupport(a, 1.0 / 5000, 0.02, 4, 5);
            if (a.Random.Chance(1.0 / 4000)) Nps(a, a.Random.Between(9, 10));
            if (a.Random.Chance(1.0 / 10000)) Advocacy(a);
            if (a.Random.Chance(1.0 / 1000)) ReportSeats(a, _seats + a.Random.Between(-0.03, 0.03), force: true);
        }
    }
}
