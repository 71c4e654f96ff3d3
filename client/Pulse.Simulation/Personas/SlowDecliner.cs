using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A once-healthy account (hidden health 0.55–0.9) whose health slides by 0.15–0.6 over the last month: the decline
/// starts about 30 days before today (the onset) and runs for two thirds of the way to today. Fewer users are active,
/// key features narrow, seats go idle, survey answers (when any come) sour, an e-mail unsubscribe may follow — each by
/// how far its health fell, so a mild decliner can look and end like a healthy account.
/// </summary>
public sealed class SlowDecliner : Persona
{
    public override PersonaKind Kind => PersonaKind.SlowDecliner;

    // A decline needs history before it to be a decline; with a short history it starts a third of the way in.
    public override (int From, int To)? BackfillOnset(int backfillDays) =>
        backfillDays >= 40 ? Window(backfillDays, backfillDays - 33, backfillDays - 30)
        : Window(backfillDays, backfillDays / 3, backfillDays / 3, minimumHistory: 6);

    public override AccountTier ChooseTier(DeterministicRandom random) =>
        random.Chance(0.35) ? AccountTier.B2C : AccountTiers.PickB2B(random);

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random)
    {
        var start = profile.OnsetDay ?? backfillDays;
        return new(random.Between(0.55, 0.9), Shock: random.Between(0.15, 0.6), RampDays: Math.Max(1, (backfillDays - start) * 2 / 3));
    }

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly int _unsubscribeDay;

        public Script(AccountContext a)
        {
            var r = a.Random;
            var days = a.BackfillDays;
            var start = a.Profile.OnsetDay ?? days;
            // The further health fell, the likelier the unsubscribe.
            _unsubscribeDay = r.Chance(0.5 * (a.Latent.Start - a.Latent.End)) ? r.Between(start, Math.Max(start, days - 1)) : -1;
            a.State.KeyFeatureBreadth = r.Between(3, 4);
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            DailyLife(a);
            if (a.Day == _unsubscribeDay) a.Track("Email Unsubscribed", a.AnyActiveUser(), Prop.Of("campaign", "product-news"));
        }

        public override void OnLiveRound(AccountContext a)
        {
            UseProductLive(a, 0.12);
            LiveSupport(a, 1.0 / 6000, 0.02, 3, 4);
            if (a.Random.Chance(1.0 / 3000)) Nps(a, a.Random.Between(3, 6));
            // Seats keep going idle, one at a time, every few episode steps.
            if (a.Round % (LiveStep(a) * 8) == 0 && a.State.SeatsActive > 1 && a.Random.Chance(0.3))
                ReportSeats(a, (a.State.SeatsActive - 1) / (double)a.State.SeatsPurchased, force: true);
        }
    }
}
