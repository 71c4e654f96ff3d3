namespace Pulse.Backtest;

/// <summary>
/// Bad backtest input: names the input, the 1-based line and the reason (which names the field), so the user can find
/// and fix the record. Line 0 means the input as a whole.
/// </summary>
public sealed class BacktestInputException(string inputName, int line, string reason)
    : Exception(line > 0 ? $"{inputName} line {line}: {reason}" : $"{inputName}: {reason}")
{
    public string InputName { get; } = inputName;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
