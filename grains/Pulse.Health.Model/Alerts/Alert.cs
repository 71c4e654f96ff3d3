namespace Pulse.Health.Model.Alerts;

/// <summary>A risk or opportunity raised on an account by one rule.</summary>
/// <param name="Rule">Stable rule id, e.g. "usage-drop".</param>
public sealed record Alert(string Rule, AlertKind Kind, string Message, DateTimeOffset At);
