using Pulse.Backtest;

namespace Pulse.Cli.Commands;

/// <summary>
/// A <c>pulse backtest</c> invocation after argument parsing: file paths and policy specs not yet opened. With
/// <see cref="Simulate"/> there is no stream file: each seed's book is generated in memory.
/// </summary>
public sealed record BacktestRequest(string? StreamPath, string Baseline, string Candidate, string? LabelsPath, BacktestOptions Options, bool Json,
    SimulateRequest? Simulate = null);

/// <summary><c>--simulate</c>: books of <see cref="Accounts"/> accounts × <see cref="Days"/> days, one per seed, ending on <see cref="End"/>.</summary>
public sealed record SimulateRequest(IReadOnlyList<long> Seeds, int Accounts, int Days, DateTimeOffset End);
