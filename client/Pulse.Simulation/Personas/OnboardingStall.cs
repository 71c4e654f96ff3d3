using Pulse.Simulation.Generation;
using static Pulse.Simulation.Personas.Behaviour;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A new customer that signs (the onset), completes the first one to three onboarding milestones and then stalls: no
/// go-live, hidden health low (0.2–0.6) so few users are active and most seats stay unused. Only the pipelines that send
/// lifecycle events show the signing and the milestones. About a third get unstuck during the live phase and finish
/// onboarding. (The model's 56-day onboarding SLA shows as breached with 57+ backfill days.)
/// </summary>
public sealed class OnboardingStall : Persona
{
    public override PersonaKind Kind => PersonaKind.OnboardingStall;

    public override AccountTier ChooseTier(DeterministicRandom random)
    {
        var x = random.NextDouble();
        return x < 0.55 ? AccountTier.TechTouch : x < 0.9 ? AccountTier.LowTouch : AccountTier.HighTouch;
    }

    public override Latent.HealthShape DrawHealth(AccountProfile profile, int backfillDays, DeterministicRandom random) =>
        new(random.Between(0.2, 0.6), random.Between(-0.15, 0.1));

    public override (int From, int To)? BackfillOnset(int backfillDays) => Window(backfillDays, 0, 5);

    public override PersonaScript Start(AccountContext account) => new Script(account);

    private sealed class Script : PersonaScript
    {
        private readonly int _signDay;
        private readonly int[] _milestoneDays;
        private readonly int _recoverRound;
        private bool _signed;
        private int _milestonesDone;
        private bool _live;

        public Script(AccountContext a)
        {
            var r = a.Random;
            _signDay = a.Profile.OnsetDay ?? 0;
            var completed = r.Between(1, 3);
            int[] days = [_signDay + r.Between(1, 2), _signDay + r.Between(3, 7), _signDay + r.Between(8, 14)];
            _milestoneDays = days[..completed];
            _recoverRound = r.Chance(0.35) ? r.Next(a.Options.LiveEpisodeRounds) : -1;
            a.State.KeyFeatureBreadth = 1;
        }

        private void Sign(AccountContext a)
        {
            if (_signed) return;
            _signed = true;
            ContractSigned(a);
        }

        public override void OnDay(AccountContext a)
        {
            if (a.Day < _signDay) return;
            Sign(a);
            while (_milestonesDone < _milestoneDays.Length && _milestoneDays[_milestonesDone] == a.Day)
                OnboardingMilestone(a, _milestonesDone++);
            DailyLife(a);
        }

        public override void OnLiveRound(AccountContext a)
        {
            Sign(a);
            LiveSupport(a, 0, 0.02, 2, 4);
            if (_recoverRound < 0 || a.Round < _recoverRound)
            {
                UseProductLive(a, 0.04);
                return;
            }
            // Unstuck: the remaining milestones one step apart, then go-live, first value and real use.
            var step = LiveStep(a);
            if (!_live && (a.Round - _recoverRound) % step == 0)
            {
                if (_milestonesDone < OnboardingMilestones.Count - 1)
                {
                    OnboardingMilestone(a, _milestonesDone++);
                    a.State.KeyFeatureBreadth = Math.Min(4, a.State.KeyFeatureBreadth + 1);
                }
                else
                {
                    _live = true;
                    GoLive(a);
                    ReportSeats(a, 0.55, force: true);
                }
            }
            UseProductLive(a, _live ? 0.7 : 0.3);
        }
    }
}
