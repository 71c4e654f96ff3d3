using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// Uses the product but not the wallet. Two shapes, told apart by the onset: an invoice issued early in the history
/// that is never paid and is more than 30 days overdue by today (the model's "severe"), often with a failed payment
/// on a later invoice too; or an invoice whose payment fails one to three times in the last few weeks (B2C: a declined
/// card). Live episodes are failed payments; some accounts in history settle up during the live phase. Hidden health
/// starts at 0.45–0.85 and the trouble costs it 0.05–0.35 (a third regained): for some it is a card that expired, for
/// others the money has run out — and an unhealthy account's routine invoices fail and go overdue as well.
/// </summary>
public sealed class PaymentTrouble : Persona
{
    /// <summary>Days overdue an unpaid invoice reaches by today in the "overdue" shape (the model's severe level is 30).</summary>
    public const int MinOverdueDays = 33;

    public override PersonaKind Kind => PersonaKind.PaymentTrouble;

    public override AccountTier ChooseTier(DeterministicRandom random) =>
        random.Chance(0.4) ? AccountTier.B2C : AccountTiers.PickB2B(random);

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.45, 0.85), Shock: random.Between(0.05, 0.35), Recovery: 0.3);

    public override bool CanStartLive => true;

    /// <summary>Last onset day of the overdue shape; later onsets are the failed-payment shape.</summary>
    public static int LastOverdueOnset(int backfillDays) => backfillDays - MinOverdueDays - 5;

    public override (int? Day, int? Round) DrawOnset(GeneratorOptions options, DeterministicRandom random)
    {
        var days = options.BackfillDays;
        var live = random.Chance(options.LiveOnsetShare);
        var overdue = random.Chance(0.55);
        if (live || days < 4) return (null, random.Next(options.LiveEpisodeRounds));
        if (overdue && LastOverdueOnset(days) >= 0) return (random.Between(0, Math.Min(7, LastOverdueOnset(days))), null);
        return (random.Between(Math.Max(0, days - 25), days - 3), null);
    }

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly bool _overdueShape, _alsoFails, _settlesLive;
        private readonly int _failures, _failGap, _settleRound;
        private Invoice? _problem;
        private int _failed;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _overdueShape = a.Profile.OnsetDay is { } day && day <= LastOverdueOnset(a.BackfillDays);
            _alsoFails = _overdueShape && r.Chance(0.4);
            _failures = r.Between(1, 3);
            _failGap = r.Between(3, 7);
            _settlesLive = a.Profile.OnsetDay is not null && r.Chance(0.4);
            _settleRound = r.Between(a.Options.LiveEpisodeRounds / 3, a.Options.LiveEpisodeRounds);
            a.State.KeyFeatureBreadth = r.Between(2, 4);
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day == 0) EstablishedCustomer(a);
            DailyLife(a);
            if (a.Profile.OnsetDay is not { } onset || a.Day < onset) return;

            if (_overdueShape)
            {
                if (a.Day == onset)
                {
                    // Due a week after issue; never paid, so it is more than 30 days overdue by today.
                    var due = a.DateOfDay(a.BackfillDays - a.Random.Between(MinOverdueDays, MinOverdueDays + 5));
                    _problem = IssueInvoice(a, due < a.Date ? a.Date : due);
                    if (a.Random.Chance(0.4)) OpenTicket(a, 3, a.Day + a.Random.Between(2, 5));
                }
                // Often a later invoice bounces as well.
                if (_alsoFails && a.Day == a.BackfillDays - _failGap)
                    FailPayment(a, IssueInvoice(a));
                return;
            }

            // Failed payments: the first on the onset day, then every few days.
            if (a.Day == onset) _problem = IssueInvoice(a, a.Profile.IsB2B ? a.Date.AddDays(15) : a.Date);
            if (_problem is not null && _failed < _failures && (a.Day - onset) == _failed * _failGap)
            {
                FailPayment(a, _problem);
                _failed++;
            }
        }

        public override void OnLiveRound(AccountContext a)
        {
            UseProductLive(a, 0.65);
            LiveSupport(a, 1.0 / 5000, 0.02, 3, 4);
            var step = LiveStep(a);
            if (a.Profile.OnsetRound is { } onset && a.Round >= onset)
            {
                var offset = a.Round - onset;
                if (offset == 0) _problem = IssueInvoice(a, a.Profile.IsB2B ? a.Date.AddDays(15) : a.Date);
                if (_problem is not null && _failed < _failures && offset == _failed * _failGap * step)
                {
                    FailPayment(a, _problem);
                    _failed++;
                }
            }
            else if (_settlesLive && a.Round == _settleRound && _problem is { Paid: false } problem)
            {
                Pay(a, problem);
            }
        }
    }
}
