using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Generation;

/// <summary>Draws an account's profile from (seed, index): persona, tier, plan, seats, ARR, renewal, name, onset.</summary>
public static class AccountFactory
{
    private static readonly string[] Industries =
        ["retail", "healthcare", "fintech", "manufacturing", "education", "logistics", "media", "software", "hospitality", "public-sector"];
    private static readonly string[] Adjectives =
        ["Blue", "Bright", "Cedar", "Silver", "North", "Summit", "Harbor", "Granite", "Maple", "Quantum",
         "Swift", "Lumen", "Copper", "Evergreen", "Iron", "Pioneer", "Atlas", "Crescent", "Orbit", "Prairie"];
    private static readonly string[] Nouns =
        ["Analytics", "Logistics", "Health", "Foods", "Labs", "Systems", "Robotics", "Media", "Partners", "Dynamics",
         "Outfitters", "Energy", "Studios", "Networks", "Works", "Capital", "Retail", "Ventures", "Clinics", "Motors"];
    private static readonly string[] Suffixes = ["", " Inc", " LLC", " Ltd", " Group", " Co"];
    private static readonly string[] FirstNames =
        ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
         "Robin", "Drew", "Kai", "Noor", "Lea", "Mateo", "Yuki", "Priya", "Omar", "Elena"];

    public static AccountProfile Create(GeneratorOptions options, int index)
    {
        var r = DeterministicRandom.For(options.Seed, index, RandomStream.Profile);
        var kind = options.PersonaMix.Pick(r);
        var persona = PersonaCatalog.Get(kind);
        var tier = persona.ChooseTier(r);
        var (plan, segment, seats, arr) = Commercials(tier, persona.MinSeats, r);
        var name = tier == AccountTier.B2C
            ? $"{r.Pick(FirstNames)} {(char)('A' + r.Next(26))}. ({AccountProfile.AccountIdOf(index)})"
            : $"{r.Pick(Adjectives)} {r.Pick(Nouns)}{r.Pick(Suffixes)}";
        var industry = tier == AccountTier.B2C ? "consumer" : r.Pick(Industries);
        var renewal = DateOnly.FromDateTime(options.AnchorDay).AddDays(r.Between(15, 380));
        var billingOffset = r.Next(30);
        var (onsetDay, onsetRound) = persona.DrawOnset(options, r);
        return new AccountProfile
        {
            Index = index,
            AccountId = AccountProfile.AccountIdOf(index),
            Persona = kind,
            Tier = tier,
            Name = name,
            Plan = plan,
            Segment = segment,
            Industry = industry,
            Arr = arr,
            Seats = seats,
            RenewalDate = renewal,
            Users = tier == AccountTier.B2C ? seats : Math.Min(seats, 40),
            BillingOffset = billingOffset,
            OnsetDay = onsetDay,
            OnsetRound = onsetRound,
        };
    }

    private static (string Plan, string Segment, int Seats, decimal Arr) Commercials(AccountTier tier, int minSeats, DeterministicRandom r)
    {
        switch (tier)
        {
            case AccountTier.B2C:
                if (r.Chance(0.7)) return ("personal", "consumer", 1, 12m * r.Between(5, 15));
                return ("family", "consumer", r.Between(2, 5), 12m * r.Between(12, 25));
            case AccountTier.TechTouch:
            {
                var seats = r.Between(Math.Max(5, minSeats), 30);
                return (seats < 15 ? "starter" : "pro", "smb", seats, RoundArr(seats * r.Between(240, 600)));
            }
            case AccountTier.LowTouch:
            {
                var seats = r.Between(Math.Max(25, minSeats), 150);
                return (r.Chance(0.5) ? "pro" : "business", "mid-market", seats, RoundArr(seats * r.Between(360, 900)));
            }
            default:
            {
                var seats = r.Between(Math.Max(150, minSeats), 1500);
                return ("enterprise", "enterprise", seats, RoundArr(seats * r.Between(480, 1200)));
            }
        }
    }

    private static decimal RoundArr(long value) => Math.Max(100, (value + 50) / 100 * 100);
}
