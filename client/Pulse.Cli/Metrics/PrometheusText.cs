using System.Globalization;

namespace Pulse.Cli.Metrics;

/// <summary>One sample of the Prometheus text format: <c>name{labels} value</c>, with the family's TYPE and HELP.</summary>
public sealed record MetricSample(string Name, string Labels, double Value, string Type, string Help);

/// <summary>
/// Reads the Prometheus text exposition format (what <c>/metrics</c> serves): samples with their labels, types from
/// <c># TYPE</c>, descriptions from <c># HELP</c>. Enough for printing and rates; not a full PromQL client.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<MetricSample>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4 && parts[1] == "TYPE") types[parts[2]] = parts[3];
                if (parts.Length >= 4 && parts[1] == "HELP") help[parts[2]] = parts[3];
                continue;
            }
            var brace = line.IndexOf('{');
            var close = brace >= 0 ? line.LastIndexOf('}') : -1;
            string name, labels, rest;
            if (brace >= 0 && close > brace)
            {
                name = line[..brace];
                labels = line[(brace + 1)..close];
                rest = line[(close + 1)..].Trim();
            }
            else
            {
                var space = line.IndexOf(' ');
                if (space < 0) throw new FormatException($"metrics line {number}: no value in '{line}'");
                name = line[..space];
                labels = "";
                rest = line[(space + 1)..].Trim();
            }
            var valueText = rest.Split(' ', 2)[0];
            if (!TryValue(valueText, out var value)) throw new FormatException($"metrics line {number}: '{valueText}' is not a number");
            var family = Family(name, types);
            samples.Add(new MetricSample(name, labels, value, types.GetValueOrDefault(family, "untyped"), help.GetValueOrDefault(family, "")));
        }
        return samples;
    }

    private static string Family(string name, Dictionary<string, string> types)
    {
        if (types.ContainsKey(name)) return name;
        foreach (var suffix in new[] { "_total", "_bucket", "_sum", "_count" })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.ContainsKey(name[..^suffix.Length])) return name[..^suffix.Length];
        return name;
    }

    private static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
