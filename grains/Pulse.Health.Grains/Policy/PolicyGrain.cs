using Pulse.Health.Contracts;
using Pulse.Health.Model.Policy;

namespace Pulse.Health.Grains.Policy;

/// <summary>
/// Holds the published policy versions (append-only, persisted). Validation happens here too, so no caller can store a
/// document the model cannot use, whatever path it came by.
/// </summary>
public sealed class PolicyGrain(
    [PersistentState("policies", StreamNames.Storage)] IPersistentState<PolicyStoreState> store,
    HealthClock clock) : Grain, IPolicyGrain
{
    /// <summary>Versions kept; older ones are forgotten (their ids stay in explanations, their documents in git).</summary>
    public const int MaxVersions = 100;

    private static readonly PolicyVersionView Shipped = new()
    {
        Version = DefaultPolicy.Version,
        Json = PolicyDocument.Serialize(DefaultPolicy.Create()),
    };

    public Task<PolicyVersionView> GetCurrent() =>
        Task.FromResult(store.State.Versions.Count > 0 ? store.State.Versions[^1] : Shipped);

    public async Task<PolicyPublishResult> Publish(string json, string author)
    {
        HealthPolicy policy;
        try
        {
            policy = PolicyDocument.Parse(json);
        }
        catch (PolicyValidationException ex)
        {
            return Rejected(ex.Errors.Select(e => new PolicyErrorView { Path = e.Path, Message = e.Message }).ToArray());
        }
        if (policy.Version == Shipped.Version || store.State.Versions.Any(v => v.Version == policy.Version))
            return Rejected([new PolicyErrorView { Path = "version", Message = $"version '{policy.Version}' already exists: versions are immutable, publish a new one" }]) with { VersionExists = true };

        var published = new PolicyVersionView
        {
            Version = policy.Version,
            Json = PolicyDocument.Serialize(policy), // canonical form: what every silo will parse
            PublishedAt = clock.Now,
            Author = string.IsNullOrWhiteSpace(author) ? "unknown" : author,
        };
        var versions = new List<PolicyVersionView>(store.State.Versions) { published };
        if (versions.Count > MaxVersions) versions.RemoveAt(0);
        // Only a stored version is in force: if the write fails, nothing was published and the caller hears so.
        var previous = store.State.Versions;
        store.State.Versions = versions;
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            store.State.Versions = previous;
            throw;
        }
        return new PolicyPublishResult { Accepted = true, Version = policy.Version };
    }

    public Task<IReadOnlyList<PolicyVersionView>> History() =>
        Task.FromResult<IReadOnlyList<PolicyVersionView>>(store.State.Versions.AsEnumerable().Reverse().ToArray());

    private static PolicyPublishResult Rejected(PolicyErrorView[] errors) => new() { Accepted = false, Errors = errors };
}

[GenerateSerializer, Alias("pulse.PolicyStoreState")]
public sealed class PolicyStoreState
{
    [Id(0)] public List<PolicyVersionView> Versions { get; set; } = [];
}
