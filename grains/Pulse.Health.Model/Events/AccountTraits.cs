namespace Pulse.Health.Model.Events;

/// <summary>Account traits from Segment <c>group</c>/<c>identify</c> calls (docs/architecture.md §3.4). Null means "not given".</summary>
public sealed record AccountTraits
{
    public string? Name { get; init; }
    public string? Plan { get; init; }
    public TouchTier? Tier { get; init; }
    public double? Mrr { get; init; }
    public double? Arr { get; init; }
    public int? Seats { get; init; }
    public DateTimeOffset? RenewalDate { get; init; }
    public string? Segment { get; init; }
    public string? Industry { get; init; }

    public bool IsEmpty => Name is null && Plan is null && Tier is null && Mrr is null && Arr is null && Seats is null
        && RenewalDate is null && Segment is null && Industry is null;
}
