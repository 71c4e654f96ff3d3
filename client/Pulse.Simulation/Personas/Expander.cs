using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A growing account: heavy use across most key features and seats filling up from about 75 % to over 90 % of
/// purchased (the model's "> 80 % is an upsell signal"), promoter NPS, often an advocacy act. At the onset it
/// upgrades: <c>Contract Changed {change: upgrade}</c>, a bigger plan, 30–60 % more seats and ARR, a new <c>group</c>
/// call, and the new seats start filling up too. Hidden health is high (0.75–0.97) and rising a little; how full the
/// seats are between reports follows the users actually active.
/// </summary>
public sealed class Expander : Persona
{
    public override PersonaKind Kind => PersonaKind.Expander;

    public override int MinSeats => 10;

    public override (int From, int To)? BackfillOnset(int backfillDays) =>
        Window(backfillDays, backfillDays - 8, backfillDays - 3, minimumHistory: 21);

    public override bool CanStartLive => true;

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.75, 0.97), random.Between(0, 0.08));

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private static string UpgradedPlan(string plan) => plan switch
    {
        "starter" => "pro",
        "pro" => "business",
        "business" => "enterprise",
        _ => plan,
    };

    private sealed class Script : PersonaScript
    {
        private readonly double _from, _to;
        private readonly double _growth;
        private int _upgradedOnDay = -1;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _from = r.Between(0.72, 0.78);
            _to = r.Between(0.9, 0.98);
            _growth = r.Between(1.3, 1.6);
            a.State.KeyFeatureBreadth = r.Between(4, 5);
        }

        private double Ratio(AccountContext a)
        {
            if (_upgradedOnDay >= 0)
            {
                // After the upgrade the new seats fill up again, towards 85 % over about three weeks.
                var start = (double)a.State.SeatsActive / a.State.SeatsPurchased;
                return Math.Min(0.85, start + (0.85 - start) * Math.Min(1, (a.Day - _upgradedOnDay) / 21.0));
            }
            var days = Math.Max(1, a.BackfillDays - 1);
            return _from + (_to - _from) * Math.Min(1, a.Day / (double)days);
        }

        private void Upgrade(AccountContext a)
        {
            var s = a.State;
            var seats = (int)Math.Ceiling(s.SeatsPurchased * _growth);
            s.Arr = decimal.Round(s.Arr * seats / s.SeatsPurchased / 100m, 0) * 100m;
            s.SeatsPurchased = seats;
            s.Plan = UpgradedPlan(s.Plan);
            a.Track("Contract Changed", s.ContactUser, Prop.Of("change", "upgrade"), Prop.Of("arr", s.Arr), Prop.Of("renewalDate", s.RenewalDate));
            a.Group();
            a.Track("Seats Updated", s.ContactUser, Prop.Of("purchased", (long)s.SeatsPurchased), Prop.Of("active", (long)s.SeatsActive));
            s.LastSeatsReportDay = a.Day;
            _upgradedOnDay = a.Day;
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            DailyLife(a);
            if (a.Day == a.Profile.OnsetDay)
            {
                ReportSeats(a, Math.Max(_to, Ratio(a)), force: true); // the full seats that trigger the upgrade
                Upgrade(a);
            }
        }

        public override void OnLiveRound(AccountContext a)
        {
            UseProductLive(a, 0.9);
            LiveSupport(a, 1.0 / 5000, 0.02, 4, 5);
            var step = LiveStep(a);
            if (a.Round == a.Profile.OnsetRound)
            {
                ReportSeats(a, Math.Max(_to, (double)a.State.SeatsActive / a.State.SeatsPurchased), force: true);
                Upgrade(a);
            }
            // One or two more active seats every few steps, up to what was bought.
            else if (a.Round % (step * 4) == 0 && a.State.SeatsActive < a.State.SeatsPurchased && a.Random.Chance(0.5))
            {
                var next = Math.Min(a.State.SeatsPurchased, a.State.SeatsActive + a.Random.Between(1, 2));
                ReportSeats(a, next / (double)a.State.SeatsPurchased, force: true);
            }
        }
    }
}
