namespace Pulse.Health.Contracts;

/// <summary>
/// The cluster's scoring policy versions (key 0): ops publish a new version at run time and every silo picks it up
/// (docs/architecture.md §4.3). Versions are append-only, so an explanation's policy version always means one document.
/// </summary>
[Alias("pulse.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithIntegerKey
{
    /// <summary>The version in force: the latest published, or the shipped default when none was.</summary>
    [Alias("GetCurrent")]
    Task<PolicyVersionView> GetCurrent();

    /// <summary>Validates and publishes a policy document. Rejected documents change nothing and say why.</summary>
    [Alias("Publish")]
    Task<PolicyPublishResult> Publish(string json, string author);

    /// <summary>Published versions, newest first (the shipped default is implied before the first).</summary>
    [Alias("History")]
    Task<IReadOnlyList<PolicyVersionView>> History();
}

[GenerateSerializer, Immutable, Alias("pulse.PolicyVersionView")]
public sealed record PolicyVersionView
{
    [Id(0)] public required string Version { get; init; }
    /// <summary>The policy document (JSON).</summary>
    [Id(1)] public required string Json { get; init; }
    [Id(2)] public DateTimeOffset? PublishedAt { get; init; }
    [Id(3)] public string? Author { get; init; }
}

[GenerateSerializer, Immutable, Alias("pulse.PolicyPublishResult")]
public sealed record PolicyPublishResult
{
    [Id(0)] public bool Accepted { get; init; }
    [Id(1)] public string? Version { get; init; }
    /// <summary>Every problem, each naming the field ("tiers.b2c.weights.adoption: must be between 0 and 1000").</summary>
    [Id(2)] public IReadOnlyList<PolicyErrorView> Errors { get; init; } = [];
    /// <summary>The document was valid but its version was already published (versions are immutable).</summary>
    [Id(3)] public bool VersionExists { get; init; }
}

[GenerateSerializer, Immutable, Alias("pulse.PolicyErrorView")]
public sealed record PolicyErrorView
{
    [Id(0)] public required string Path { get; init; }
    [Id(1)] public required string Message { get; init; }
}
