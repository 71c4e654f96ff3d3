namespace Pulse.Backtest;

/// <summary>What the replay read and did with it.</summary>
public sealed record StreamSummary
{
    /// <summary>Messages read from the stream (valid lines).</summary>
    public int Messages { get; init; }
    /// <summary>Messages applied to an account (each under both policies).</summary>
    public int Applied { get; init; }
    /// <summary>Messages the model dropped as repeats of a messageId it had already applied.</summary>
    public int Duplicates { get; init; }
    /// <summary>Messages stamped after <see cref="EvaluatedAt"/> (only with an as-of time): not applied.</summary>
    public int AfterAsOf { get; init; }
    /// <summary>Lines ingest would reject, skipped because the run allowed it.</summary>
    public int InvalidSkipped { get; init; }
    /// <summary>The first few skipped lines' errors.</summary>
    public IReadOnlyList<string> InvalidSample { get; init; } = [];
    public int Accounts { get; init; }
    public DateTimeOffset? FirstEventAt { get; init; }
    public DateTimeOffset? LastEventAt { get; init; }
    /// <summary>When every account was evaluated.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }
}
