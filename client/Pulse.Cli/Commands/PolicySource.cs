using Pulse.Health.Model.Policy;

namespace Pulse.Cli.Commands;

/// <summary>
/// Turns a <c>--baseline</c>/<c>--candidate</c> value into a policy: <c>default</c> is the policy that ships, anything
/// else is a policy document file (the JSON of <c>PUT /api/policy</c>, e.g. docs/policy/default-policy.json).
/// </summary>
public static class PolicySource
{
    public const string Default = "default";

    /// <summary>Loads a policy, or throws <see cref="ArgumentException"/> whose message names the file and the problem.</summary>
    public static HealthPolicy Load(string spec)
    {
        if (string.Equals(spec, Default, StringComparison.OrdinalIgnoreCase)) return DefaultPolicy.Create();
        if (!File.Exists(spec)) throw new ArgumentException($"policy file '{spec}' does not exist (or use '{Default}')");
        try
        {
            // The same parser and validator as PUT /api/policy, so a file that backtests is a file the cluster accepts.
            return PolicyDocument.Parse(File.ReadAllText(spec));
        }
        catch (PolicyValidationException ex)
        {
            throw new ArgumentException($"policy file '{spec}' is invalid: {string.Join("; ", ex.Errors)}", ex);
        }
    }
}
