using System.Globalization;
using System.Text;
using System.Text.Json;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;

namespace Pulse.Simulation.Outcomes;

/// <summary>
/// The labels file: NDJSON, one account per line, exactly
/// <c>{"accountId":"acct-000042","persona":"slow-decliner","tier":"tech-touch","outcome":"churns","at":"2026-12-01T00:00:00Z"}</c>.
/// The backtest reads this format, so its field names, order and spelling are a contract.
/// </summary>
public static class LabelsFile
{
    public static byte[] ToLine(GroundTruth label)
    {
        using var buffer = new MemoryStream(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("accountId", label.AccountId);
            w.WriteString("persona", label.Persona.Name());
            w.WriteString("tier", label.Tier.Name());
            w.WriteString("outcome", label.Outcome.Name());
            w.WriteString("at", label.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static async Task WriteAsync(IEnumerable<GroundTruth> labels, Stream output, CancellationToken cancellationToken = default)
    {
        foreach (var label in labels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteAsync(ToLine(label), cancellationToken).ConfigureAwait(false);
            output.WriteByte((byte)'\n');
        }
    }

    /// <summary>Reads a labels file; a bad line throws <see cref="FormatException"/> naming the line and what is wrong.</summary>
    public static IEnumerable<GroundTruth> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return Parse(line, number);
        }
    }

    public static GroundTruth Parse(string line, int lineNumber)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(line);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"labels line {lineNumber}: not JSON ({ex.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"labels line {lineNumber}: expected a JSON object");
        string Field(string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw new FormatException($"labels line {lineNumber}: \"{name}\" is missing or not a non-empty string");
        var persona = Field("persona");
        if (!PersonaKinds.TryParse(persona, out var kind)) throw new FormatException($"labels line {lineNumber}: unknown persona '{persona}'");
        var tierText = Field("tier");
        var tier = Enum.GetValues<AccountTier>().Where(t => t.Name() == tierText).Cast<AccountTier?>().FirstOrDefault()
            ?? throw new FormatException($"labels line {lineNumber}: unknown tier '{tierText}' (expected b2c, tech-touch, low-touch or high-touch)");
        var outcomeText = Field("outcome");
        if (!OutcomeKinds.TryParse(outcomeText, out var outcome))
            throw new FormatException($"labels line {lineNumber}: unknown outcome '{outcomeText}' (expected churns, renews or expands)");
        var atText = Field("at");
        if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw new FormatException($"labels line {lineNumber}: \"at\" '{atText}' is not an ISO-8601 time");
        return new GroundTruth(Field("accountId"), kind, tier, outcome, at);
    }

    /// <summary>The labels of every account of a generator, in account order.</summary>
    public static IEnumerable<GroundTruth> Of(CustomerGenerator generator) =>
        Enumerable.Range(1, generator.Options.Accounts).Select(i => OutcomeModel.For(generator.Options, AccountFactory.Create(generator.Options, i)));

    public static string ToText(GroundTruth label) => Encoding.UTF8.GetString(ToLine(label));
}
