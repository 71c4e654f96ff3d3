namespace Pulse.Health.Model.Components;

/// <summary>
/// The sub-scores of the components that average several readings (adoption, voice of customer), each in its own slot,
/// so that the ledger can name the sub-rule whose value changed rather than the component's weakest reading: a
/// <c>Feature Used</c> that lifted usage frequency must not be explained as "seats active 2 of 10" because seats are low.
/// The account keeps the last values (<see cref="State.AccountHealth.SubScores"/>); a scorer compares against them.
/// </summary>
public static class SubScores
{
    public const int UsageFrequency = 0, UsageSeats = 1, UsageDepth = 2, UsageExec = 3, UsageVolume = 4;
    public const int VoiceNps = 5, VoiceCsat = 6, VoiceCes = 7;
    public const int Count = 8;

    public static float[] Empty()
    {
        var values = new float[Count];
        Array.Fill(values, float.NaN);
        return values;
    }

    /// <summary>
    /// Picks the reading a component's result should name: among the parts that have data, the one whose weighted value
    /// moved most since <paramref name="previous"/>; when none moved, the weakest (what a CSM would have to move).
    /// Records each part's value in <paramref name="current"/>.
    /// </summary>
    public ref struct Picker(ReadOnlySpan<float> previous, Span<float> current)
    {
        private readonly ReadOnlySpan<float> _previous = previous;
        private readonly Span<float> _current = current;
        private ComponentResult _moved = ComponentResult.NoData, _weakest = ComponentResult.NoData;
        private double _movedBy, _weakestScore = double.PositiveInfinity;
        public double Sum, Weight;

        public void Add(int slot, ComponentResult part, double weight)
        {
            _current[slot] = part.HasData ? (float)part.Score : float.NaN;
            if (!part.HasData) return;
            Sum += part.Score * weight;
            Weight += weight;
            if (part.Score < _weakestScore) { _weakestScore = part.Score; _weakest = part; }
            var before = _previous[slot];
            // A reading that gained its data moved by its whole weight's worth against the neutral middle.
            var moved = Math.Abs(weight * (part.Score - (float.IsNaN(before) ? 50 : before)));
            if (moved >= 0.05 && moved > _movedBy) { _movedBy = moved; _moved = part; }
        }

        public readonly ComponentResult Result => Weight == 0 ? ComponentResult.NoData
            : (_moved.HasData ? _moved : _weakest) with { Score = Sum / Weight };
    }
}
