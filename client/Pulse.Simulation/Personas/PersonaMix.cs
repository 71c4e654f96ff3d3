using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Personas;

/// <summary>Relative weights of the personas in a population. Weights need not sum to anything in particular.</summary>
public sealed class PersonaMix
{
    private readonly (PersonaKind Kind, double Weight)[] _weights;
    private readonly double _total;

    public PersonaMix(IEnumerable<KeyValuePair<PersonaKind, double>> weights)
    {
        // Enum order, not dictionary order, so the draw is stable whatever collection the caller used.
        _weights = weights.Where(w => w.Value > 0).OrderBy(w => w.Key).Select(w => (w.Key, w.Value)).ToArray();
        if (_weights.Length == 0) throw new ArgumentException("a persona mix needs at least one positive weight", nameof(weights));
        if (_weights.Any(w => !double.IsFinite(w.Weight))) throw new ArgumentException("persona weights must be finite", nameof(weights));
        _total = _weights.Sum(w => w.Weight);
    }

    /// <summary>
    /// Healthy 26 %, seasonal B2C 12 %, expanders 7 %, slow decliners 14 %, payment trouble 11 %, support storms 11 %,
    /// champion departures 11 %, onboarding stalls 8 %. A persona shapes the hidden health, it does not decide the
    /// outcome: many storms, departures and payment scares leave the account healthy enough to renew, and some steady
    /// accounts quietly decline. With the personas' tier choices the book is about 40 % B2C, 35 % tech-touch, 19 %
    /// low-touch and 6 % high-touch.
    /// </summary>
    public static PersonaMix Default { get; } = new(new Dictionary<PersonaKind, double>
    {
        [PersonaKind.HealthyPowerUser] = 26,
        [PersonaKind.SlowDecliner] = 14,
        [PersonaKind.OnboardingStall] = 8,
        [PersonaKind.SupportStorm] = 11,
        [PersonaKind.PaymentTrouble] = 11,
        [PersonaKind.ChampionDeparture] = 11,
        [PersonaKind.SeasonalConsumer] = 12,
        [PersonaKind.Expander] = 7,
    });

    /// <summary>Every account follows <paramref name="kind"/> (tests, focused demos).</summary>
    public static PersonaMix Only(PersonaKind kind) => new([new(kind, 1)]);

    public IReadOnlyList<(PersonaKind Kind, double Weight)> Weights => _weights;

    public PersonaKind Pick(DeterministicRandom random)
    {
        var x = random.NextDouble() * _total;
        foreach (var (kind, weight) in _weights)
        {
            if (x < weight) return kind;
            x -= weight;
        }
        return _weights[^1].Kind;
    }

    /// <summary>Parses "healthy-power-user=3,expander=1" (names from <see cref="PersonaKinds.Name"/>).</summary>
    public static bool TryParse(string text, out PersonaMix? mix, out string? error)
    {
        mix = null;
        error = null;
        var weights = new Dictionary<PersonaKind, double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (!PersonaKinds.TryParse(pieces[0], out var kind))
            {
                error = $"unknown persona '{pieces[0]}' (expected {string.Join(", ", Enum.GetValues<PersonaKind>().Select(k => k.Name()))})";
                return false;
            }
            var weight = 1.0;
            if (pieces.Length == 2 && (!double.TryParse(pieces[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weight) || weight < 0 || !double.IsFinite(weight)))
            {
                error = $"weight '{pieces[1]}' for {kind.Name()} is not a non-negative number";
                return false;
            }
            weights[kind] = weight;
        }
        if (weights.Values.All(w => w <= 0))
        {
            error = "the persona mix needs at least one positive weight";
            return false;
        }
        mix = new PersonaMix(weights);
        return true;
    }

    public override string ToString() => string.Join(",", _weights.Select(w => $"{w.Kind.Name()}={w.Weight:0.##}"));
}
