namespace Pulse.Health.Model.Scoring;

/// <summary>Health bands, worst first so that comparisons read naturally (Red &lt; Yellow).</summary>
public enum Band : byte
{
    Red = 0,
    Yellow,
    Green,
    Advocate,
}
