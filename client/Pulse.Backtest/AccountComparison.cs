using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest;

/// <summary>One account's final score and band under the baseline and the candidate policy.</summary>
public sealed record AccountComparison(string AccountId, double BaselineScore, Band BaselineBand, double CandidateScore, Band CandidateBand)
{
    public bool BandChanged => BaselineBand != CandidateBand;
}
