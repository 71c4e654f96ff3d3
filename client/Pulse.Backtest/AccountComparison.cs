using Pulse.Health.Model.Scoring;

namespace Pulse.Backtest;

/// <summary>One account's final score, band and AtRisk flag under the baseline and the candidate policy.</summary>
public sealed record AccountComparison(string AccountId, double BaselineScore, Band BaselineBand, double CandidateScore, Band CandidateBand,
    bool BaselineAtRisk = false, bool CandidateAtRisk = false)
{
    public bool BandChanged => BaselineBand != CandidateBand;
}
