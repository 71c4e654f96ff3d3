namespace Pulse.Backtest;

/// <summary>One line of a labels file: an account's known outcome, and the persona/tier that explain it when synthetic.</summary>
public sealed record OutcomeLabel(string AccountId, Outcome Outcome, DateTimeOffset? At, string? Persona, string? Tier);
