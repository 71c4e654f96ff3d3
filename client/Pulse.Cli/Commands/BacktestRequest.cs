using Pulse.Backtest;

namespace Pulse.Cli.Commands;

/// <summary>A <c>pulse backtest</c> invocation after argument parsing: file paths and policy specs not yet opened.</summary>
public sealed record BacktestRequest(string StreamPath, string Baseline, string Candidate, string? LabelsPath, BacktestOptions Options, bool Json);
