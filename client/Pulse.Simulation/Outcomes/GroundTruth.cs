using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Outcomes;

/// <summary>
/// One line of a labels file: the hidden outcome of a synthetic account and when it happens (UTC). Never sent to the
/// cluster; a backtest reads it to see how well scores predicted what happened.
/// </summary>
public sealed record GroundTruth(string AccountId, PersonaKind Persona, AccountTier Tier, OutcomeKind Outcome, DateTimeOffset At);
