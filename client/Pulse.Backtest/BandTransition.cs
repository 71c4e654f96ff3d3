using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest;

/// <summary>How many accounts sit in band <see cref="From"/> under the baseline and in <see cref="To"/> under the candidate.</summary>
public sealed record BandTransition(Band From, Band To, int Count);
