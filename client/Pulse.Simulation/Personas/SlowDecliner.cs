using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A once-busy account whose use fades over weeks: active days fall from near-daily to a few a month, the key features
/// it uses narrow, seats go idle, the last survey answer is passive or worse and an e-mail unsubscribe may follow.
/// The decline starts about 30 days before today (the onset), so the last 30 days sit well below the account's own
/// earlier baseline — the model's "25 % drop" risk.
/// </summary>
public sealed class SlowDecliner : Persona
{
    /// <summary>Floor of the usage factor once the decline has run its course.</summary>
    public const double Floor = 0.12;

    public override PersonaKind Kind => PersonaKind.SlowDecliner;

    // A decline needs history before it to be a decline; with a short history it starts a third of the way in.
    public override (int From, int To)? BackfillOnset(int backfillDays) =>
        backfillDays >= 40 ? Window(backfillDays, backfillDays - 33, backfillDays - 30)
        : Window(backfillDays, backfillDays / 3, backfillDays / 3, minimumHistory: 6);

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly double _weekday, _weekend, _seatsFrom, _seatsTo;
        private readonly int _breadth, _start, _end, _npsDay, _unsubscribeDay;

        public Script(AccountContext a)
        {
            var r = a.Random;
            var days = a.BackfillDays;
            _weekday = r.Between(0.82, 0.95);
            _weekend = r.Between(0.15, 0.3);
            _seatsFrom = r.Between(0.65, 0.78);
            _seatsTo = r.Between(0.22, 0.38);
            _breadth = r.Between(3, 4);
            _start = a.Profile.OnsetDay ?? days;
            // Down to the floor two thirds of the way from the onset to today.
            _end = _start + Math.Max(1, (days - _start) * 2 / 3);
            _npsDay = r.Chance(0.6) ? r.Between(Math.Max(0, days - 8), Math.Max(0, days - 2)) : -1;
            _unsubscribeDay = r.Chance(0.2) ? r.Between(_start, Math.Max(_start, days - 1)) : -1;
            a.State.KeyFeatureBreadth = _breadth;
        }

        private double Factor(int day) =>
            day < _start ? 1 : Math.Max(Floor, 1 - (1 - Floor) * (day - _start) / (double)(_end - _start));

        public override void OnDay(AccountContext a)
        {
            var f = Factor(a.Day);
            if (a.Day == 0) EstablishedCustomer(a);
            a.State.KeyFeatureBreadth = Math.Max(1, (int)Math.Round(_breadth * f, MidpointRounding.AwayFromZero));
            UseProduct(a, _weekday * f, _weekend * f);
            var progress = a.Day < _start ? 0 : Math.Min(1, (a.Day - _start) / (double)(_end - _start));
            ReportSeats(a, _seatsFrom + (_seatsTo - _seatsFrom) * progress);
            MonthlyBilling(a, 5, 25);
            RoutineSupport(a, 1.0 / 40, 3, 4);
            if (a.Day == _npsDay) Nps(a, a.Random.Between(4, 7));
            Emails(a, f / 20);
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
