namespace Pulse.Health.Model.Explanation;

/// <summary>One score change in the ledger: which event (or time), under which policy, by how much, and why.</summary>
public sealed record ExplanationEntry(
    DateTimeOffset At,
    string EventId,
    string EventName,
    string PolicyVersion,
    double ScoreBefore,
    double ScoreAfter,
    IReadOnlyList<Contribution> Contributions)
{
    public double Delta => ScoreAfter - ScoreBefore;

    /// <summary>Used as <see cref="EventId"/> when time passing (decay, inactivity) moved the score.</summary>
    public const string TimeEventId = "time";
}
