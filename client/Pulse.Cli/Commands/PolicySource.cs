using Pulse.Health.Model.Policy;

namespace Pulse.Cli.Commands;

/// <summary>
/// Turns a <c>--baseline</c>/<c>--candidate</c> value into a policy: <c>default</c> is the policy that ships, anything
/// else is a policy document file.
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
            return ParseDocument(File.ReadAllText(spec));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException($"policy file '{spec}': {ex.Message}", ex);
        }
    }

    // Until the model's policy document (PolicyDocument.Parse) is on this branch there is no file format to read; the
    // backtest itself takes any HealthPolicy, so only this one call changes when it lands.
    private static HealthPolicy ParseDocument(string json) =>
        throw new NotSupportedException("policy files are not supported in this build yet (no policy document format); use 'default'");
}
