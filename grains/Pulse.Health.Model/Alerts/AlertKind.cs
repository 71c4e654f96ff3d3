namespace Pulse.Health.Model.Alerts;

public enum AlertKind : byte
{
    Risk = 0,
    Opportunity,
}
