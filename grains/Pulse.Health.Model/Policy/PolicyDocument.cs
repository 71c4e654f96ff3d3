using System.Text.Json;

namespace Pulse.Health.Model.Policy;

/// <summary>
/// The scoring policy as versioned data (docs/health-model.md, "Live policy"): ops write it as JSON, the platform validates it and every
/// account scores with it. <see cref="Parse"/> either returns a policy that is safe to use or throws a
/// <see cref="PolicyValidationException"/> that names every bad field.
/// </summary>
public static class PolicyDocument
{
    /// <summary>The largest document accepted (a policy is a few KB; this bounds what one request can make us parse).</summary>
    public const int MaxBytes = 256 * 1024;

    public static HealthPolicy Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw Invalid("$", "the policy document is empty");
        if (json.Length > MaxBytes) throw Invalid("$", $"the policy document is larger than {MaxBytes / 1024} KB");
        HealthPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<HealthPolicy>(json, PolicyJson.Options);
        }
        catch (JsonException ex)
        {
            throw Invalid(Path(ex.Path), Reason(ex));
        }
        if (policy is null) throw Invalid("$", "the policy document is null");
        var errors = PolicyValidator.Validate(policy);
        if (errors.Count > 0) throw new PolicyValidationException(errors);
        return policy;
    }

    public static string Serialize(HealthPolicy policy) => JsonSerializer.Serialize(policy, PolicyJson.Options);

    private static PolicyValidationException Invalid(string path, string message) => new([new PolicyError(path, message)]);

    /// <summary>"$.tiers['b2c'].weights" → "tiers.b2c.weights": the path as a person reads it.</summary>
    private static string Path(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$"
            : jsonPath.TrimStart('$', '.').Replace("['", ".").Replace("']", "").TrimStart('.');

    private static string Reason(JsonException ex)
    {
        // The serializer's own messages end with position details ("Path: … | LineNumber: …"); the path is reported
        // separately, so keep the sentence and the line.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return ex.LineNumber is { } line ? $"{text} (line {line + 1})" : text;
    }
}
