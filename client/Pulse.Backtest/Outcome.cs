namespace Pulse.Backtest;

/// <summary>What really happened to an account (the ground truth of a synthetic or historical stream).</summary>
public enum Outcome
{
    Churns,
    Renews,
    Expands,
}
