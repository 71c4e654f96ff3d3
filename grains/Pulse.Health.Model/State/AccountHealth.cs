using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Lifecycle;
using Pulse.Health.Model.Scoring;

namespace Pulse.Health.Model.State;

/// <summary>
/// Everything the model knows about one account. Mutable and owned by exactly one caller (the account grain);
/// only <see cref="HealthEngine"/> changes it, always with the time passed in.
/// </summary>
public sealed class AccountHealth
{
    public const int MaxRecentAlerts = 8;

    public AccountHealth(string accountId) => AccountId = accountId;

    public string AccountId { get; }

    // Traits
    public string? Name { get; set; }
    public string? Plan { get; set; }
    public TouchTier Tier { get; set; } = TouchTier.TechTouch;
    /// <summary>True once a <c>tier</c> trait named the tier; until then the tier follows ARR (policy tier inference).</summary>
    public bool TierFromTrait { get; set; }
    public double Arr { get; set; }
    public DateTimeOffset? RenewalDate { get; set; }
    public string? Segment { get; set; }
    public string? Industry { get; set; }
    public int? SeatsPurchased { get; set; }
    public int? SeatsActive { get; set; }

    // Evidence
    public ActivityLog Activity { get; } = new();
    public SupportLog Support { get; } = new();
    public VoiceLog Voice { get; } = new();
    public PaymentLog Payment { get; } = new();
    public RelationshipLog Relationship { get; } = new();
    public EngagementLog Engagement { get; } = new();
    public GrowthLog Growth { get; } = new();
    /// <summary>Page views in the first 7 days after start: the new-user fizzle rule's evidence (book L3647).</summary>
    public int EarlyPageViews { get; set; }
    public MessageDeduplicator Seen { get; } = new();

    // Lifecycle
    public bool Started { get; set; }
    public LifecycleStage Stage { get; set; } = LifecycleStage.Onboarding;
    public DateTimeOffset StageSince { get; set; }
    /// <summary>The stage to return to when a Dormant account becomes active again.</summary>
    public LifecycleStage StageBeforeDormant { get; set; } = LifecycleStage.Adopting;
    public string StageCause { get; set; } = "";
    public LifecycleFlags Flags { get; set; }
    public RiskReason RiskReasons { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? GoLiveAt { get; set; }
    public DateTimeOffset? FirstValueAt { get; set; }
    /// <summary>True while <see cref="GoLiveAt"/> was inferred from usage; an explicit <c>Go Live Completed</c> replaces it.</summary>
    public bool GoLiveInferred { get; set; }
    /// <summary>True while <see cref="FirstValueAt"/> was inferred (usage, sustained health); a value milestone replaces it.</summary>
    public bool FirstValueInferred { get; set; }
    /// <summary>Time from start to first value (book L3057), once reached.</summary>
    public TimeSpan? TimeToValue => FirstValueAt is { } v ? v - StartedAt : null;
    public DateTimeOffset? HealthySince { get; set; }
    public DateTimeOffset? AdvocateLevelSince { get; set; }
    public DateTimeOffset? LastAdvocacyAt { get; set; }
    public DateTimeOffset? LastDowngradeAt { get; set; }

    // Score
    /// <summary>The score shown: the computed score, or a person's override while it holds.</summary>
    public double Score { get; set; }
    /// <summary>The score the evidence gives, whatever any override says.</summary>
    public double ComputedScore { get; set; }
    public ScoreOverride? Override { get; set; }
    public ScoreHistory History { get; } = new();
    /// <summary>The component weights the score was last computed with, so a change of weights is explained as such.</summary>
    public double[]? LastWeights { get; set; }
    /// <summary>What the trend added to (or took from) the evidence's level at the last evaluation (<see cref="Scoring.TrendAdjustment"/>).</summary>
    public double TrendPoints { get; set; }
    /// <summary>The cap holding the score down (<see cref="Scoring.ScoreCaps"/>), or null when none binds.</summary>
    public string? CapId { get; set; }
    public Band? Band { get; set; }
    public DateTimeOffset BandSince { get; set; }
    /// <summary>Component scores in <see cref="ComponentKind"/> order; NaN = no data.</summary>
    public double[] Components { get; } = Enumerable.Repeat(double.NaN, ComponentNames.Count).ToArray();
    /// <summary>
    /// The last sub-scores of the averaging components (<see cref="SubScores"/>; NaN = no data), so the ledger names the
    /// reading that moved.
    /// </summary>
    public float[] SubScores { get; } = Model.Components.SubScores.Empty();
    public string PolicyVersion { get; set; } = "";
    public ExplanationLedger Ledger { get; } = new();

    // Alerts
    public Dictionary<string, DateTimeOffset> AlertCooldowns { get; } = new(StringComparer.Ordinal);
    public Queue<Alert> RecentAlerts { get; } = new();

    // Bookkeeping
    public long EventsApplied { get; set; }
    /// <summary>The account's clock: the latest time it has been evaluated at (event time or timer time).</summary>
    public DateTimeOffset Clock { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the first live (not historical) event arrived; until then nothing raises alerts.</summary>
    public DateTimeOffset? LiveSince { get; set; }

    public bool HasBeenSeen => EventsApplied > 0;
}
