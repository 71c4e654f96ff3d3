using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pulse.Cli.Commands;

/// <summary>Value parsers and validators shared by commands, with error messages that say what is expected.</summary>
public static partial class OptionParsers
{
    /// <summary>
    /// Parses a duration: <c>90</c> (seconds), <c>500ms</c>, <c>60s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>,
    /// <c>00:01:30</c>; <c>forever</c>/<c>inf</c> for no limit (null). Returns false for anything else or negatives.
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan? duration)
    {
        duration = null;
        text = text.Trim().ToLowerInvariant();
        if (text is "forever" or "inf" or "infinite" or "none" or "until-cancelled") return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < 0 || !double.IsFinite(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }
        if (text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            duration = span;
            return true;
        }
        var match = DurationPattern().Match(text);
        if (!match.Success) return false;
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['d', 'h', 'm', 's']);
            var value = double.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            total += part.Value[unitStart..] switch
            {
                "d" => TimeSpan.FromDays(value),
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromMilliseconds(value), // ms
            };
        }
        duration = total;
        return true;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|d|h|m|s))+$")]
    private static partial Regex DurationPattern();

    /// <summary>
    /// Custom parser for duration options. "No limit" comes back as <see cref="Timeout.InfiniteTimeSpan"/> (a parser
    /// returning null makes System.CommandLine fall back to its own conversion), see <see cref="Limit"/>.
    /// </summary>
    public static TimeSpan Duration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParseDuration(text, out var duration)) return duration ?? Timeout.InfiniteTimeSpan;
        result.AddError($"'{text}' is not a duration for {OptionName(result)}: use e.g. 90, 60s, 5m, 1h30m, 500ms, 00:01:30 or 'forever'.");
        return TimeSpan.Zero;
    }

    /// <summary>A parsed duration as a limit: null for "forever".</summary>
    public static TimeSpan? Limit(TimeSpan parsed) => parsed == Timeout.InfiniteTimeSpan ? null : parsed;

    public static Uri? HttpUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        result.AddError($"'{text}' is not an http:// or https:// URL for {OptionName(result)} (e.g. http://127.0.0.1:5080).");
        return null;
    }

    /// <summary>Adds a validator that keeps an integer option within [min, max].</summary>
    public static Option<int> InRange(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            if (!int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return; // the parser reports it
            if (value < min || value > max) result.AddError($"{option.Name} must be between {min:N0} and {max:N0} (got {value:N0}).");
        });
        return option;
    }

    /// <summary>Adds a validator that keeps a number option at or above <paramref name="min"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, double min, string what)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            if (!double.TryParse(result.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return;
            if (value < min || double.IsNaN(value) || double.IsInfinity(value)) result.AddError($"{option.Name} must be {what} (got {result.Tokens[^1].Value}).");
        });
        return option;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
