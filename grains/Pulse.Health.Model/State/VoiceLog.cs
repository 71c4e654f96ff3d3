namespace Pulse.Health.Model.State;

/// <summary>The latest survey answers and the last unanswered survey (voice of customer).</summary>
public sealed class VoiceLog
{
    public double? LastNps { get; set; }
    public DateTimeOffset LastNpsAt { get; set; }
    public double? LastCsat { get; set; }
    public DateTimeOffset LastCsatAt { get; set; }
    public double? LastCes { get; set; }
    public DateTimeOffset LastCesAt { get; set; }
    /// <summary>When the last survey was sent that has had no answer since; null when answered.</summary>
    public DateTimeOffset? PendingSurveySentAt { get; set; }
}
