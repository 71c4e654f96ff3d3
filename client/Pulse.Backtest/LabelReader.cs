using System.Text.Json;
using Pulse.Ingest.Segment;

namespace Pulse.Backtest;

/// <summary>
/// Reads a labels file: NDJSON, one <c>{"accountId":…,"outcome":"churns|renews|expands","at":…,"persona":…,"tier":…}</c>
/// per line. Every error names the line and the field.
/// </summary>
public static class LabelReader
{
    public static IReadOnlyDictionary<string, OutcomeLabel> Read(TextReader reader, string inputName)
    {
        var labels = new Dictionary<string, OutcomeLabel>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var label = Parse(line, lineNumber, inputName);
            if (!firstLine.TryAdd(label.AccountId, lineNumber))
                throw new BacktestInputException(inputName, lineNumber,
                    $"accountId '{label.AccountId}' is labelled twice (first on line {firstLine[label.AccountId]})");
            labels[label.AccountId] = label;
        }
        return labels;
    }

    private static OutcomeLabel Parse(string line, int lineNumber, string inputName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new BacktestInputException(inputName, lineNumber, $"not valid JSON ({ex.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BacktestInputException(inputName, lineNumber, "expected one JSON object (a label) per line");
            var accountId = SegmentMessageReader.Text(root, "accountId")
                ?? throw new BacktestInputException(inputName, lineNumber, "accountId is missing");
            var outcomeText = SegmentMessageReader.Text(root, "outcome")
                ?? throw new BacktestInputException(inputName, lineNumber, "outcome is missing (expected churns, renews or expands)");
            var outcome = outcomeText.ToLowerInvariant() switch
            {
                "churns" => Outcome.Churns,
                "renews" => Outcome.Renews,
                "expands" => Outcome.Expands,
                _ => throw new BacktestInputException(inputName, lineNumber, $"outcome '{outcomeText}' is not one of churns, renews, expands"),
            };
            if (!SegmentMessageReader.TryDate(root, "at", out var at))
                throw new BacktestInputException(inputName, lineNumber, "at is not an ISO-8601 date");
            return new OutcomeLabel(accountId, outcome, at, SegmentMessageReader.Text(root, "persona"), SegmentMessageReader.Text(root, "tier"));
        }
    }
}
