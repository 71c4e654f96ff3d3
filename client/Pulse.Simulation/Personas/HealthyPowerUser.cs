using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A steady account: hidden health starts anywhere from fair to excellent (0.65–0.97) and drifts little, so it mostly
/// uses the product widely, pays on time and renews — as far as its health and style say (some just use less). The
/// baseline the risky personas are measured against. Live, it keeps the near-daily use and promoter answers.
/// </summary>
public sealed class HealthyPowerUser : Persona
{
    public override PersonaKind Kind => PersonaKind.HealthyPowerUser;

    public override AccountTier ChooseTier(DeterministicRandom random) =>
        random.Chance(0.45) ? AccountTier.B2C : AccountTiers.PickB2B(random);

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.65, 0.97), random.Between(-0.08, 0.05));

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly double _seats;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _seats = r.Between(0.62, 0.78);
            a.State.KeyFeatureBreadth = r.Between(3, 5);
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            DailyLife(a);
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
