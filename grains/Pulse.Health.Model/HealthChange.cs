using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Model;

/// <summary>
/// What one application of an event (or of time) changed: the grain decides from it what to publish. A struct, so the
/// per-event path does not allocate one.
/// </summary>
public readonly record struct HealthChange
{
    public static readonly HealthChange Duplicate = new() { WasDuplicate = true };

    public HealthChange() { }

    public bool WasDuplicate { get; init; }
    /// <summary>True for the first event an account ever applied.</summary>
    public bool IsNewAccount { get; init; }
    public double ScoreBefore { get; init; }
    public double ScoreAfter { get; init; }
    public Band? BandBefore { get; init; }
    public Band BandAfter { get; init; }
    public LifecycleStage StageBefore { get; init; }
    public LifecycleStage StageAfter { get; init; }
    public LifecycleFlags FlagsBefore { get; init; }
    public LifecycleFlags FlagsAfter { get; init; }
    public double ArrBefore { get; init; }
    public double ArrAfter { get; init; }
    private readonly IReadOnlyList<Alert>? _alerts;
    public IReadOnlyList<Alert> Alerts { get => _alerts ?? []; init => _alerts = value; }
    /// <summary>The ledger entry written for this change, or null when the score did not move.</summary>
    public ExplanationEntry? Explanation { get; init; }

    public bool BandChanged => BandBefore != BandAfter;
    public bool StageChanged => StageBefore != StageAfter;
    public bool FlagsChanged => FlagsBefore != FlagsAfter;
}
