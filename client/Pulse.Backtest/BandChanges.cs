namespace Pulse.Backtest;

/// <summary>The accounts whose band differs between the two policies: how many, by transition, and a sample.</summary>
public sealed record BandChanges(int Count, IReadOnlyList<BandTransition> Transitions, IReadOnlyList<AccountComparison> Sample);
