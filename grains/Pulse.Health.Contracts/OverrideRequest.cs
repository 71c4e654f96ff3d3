namespace Pulse.Health.Contracts;

/// <summary>A manual override of an account's score (POST /api/accounts/{id}/override).</summary>
[GenerateSerializer, Immutable, Alias("pulse.OverrideRequest")]
public sealed record OverrideRequest
{
    /// <summary>0–100; required (null is refused rather than read as 0).</summary>
    [Id(0)] public double? Score { get; init; }
    [Id(1)] public string Reason { get; init; } = "";
    [Id(2)] public string Author { get; init; } = "";
    [Id(3)] public DateTimeOffset ExpiresAt { get; init; }
}
