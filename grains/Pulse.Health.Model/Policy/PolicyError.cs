namespace Pulse.Health.Model.Policy;

/// <summary>One thing wrong with a policy document: where (a JSON path such as <c>tiers.b2c.weights.adoption</c>) and what.</summary>
public sealed record PolicyError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A policy document that cannot be used, with every problem found (not only the first).</summary>
public sealed class PolicyValidationException(IReadOnlyList<PolicyError> errors)
    : Exception("The scoring policy is invalid: " + string.Join("; ", errors))
{
    public IReadOnlyList<PolicyError> Errors { get; } = errors;
}
