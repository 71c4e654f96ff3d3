using System.CommandLine;

namespace Pulse.Cli.Commands;

/// <summary>The options <c>pulse simulate</c> and <c>pulse demo</c> share: what synthetic stream to send, defined once.</summary>
public static class SyntheticStreamOptions
{
    public static Option<int> Accounts(int defaultValue) => new Option<int>("--accounts", "-n")
    {
        Description = "Number of synthetic accounts (acct-000001 …).",
        DefaultValueFactory = _ => defaultValue,
    }.InRange(1, 9_999_999);

    public static Option<double> Rate(double defaultValue) => new Option<double>("--rate", "-r")
    {
        Description = "Live-phase rate in events per second over all connections (0 = as fast as accepted).",
        HelpName = "events/s",
        DefaultValueFactory = _ => defaultValue,
    }.AtLeast(0, "0 (unlimited) or a positive number of events per second");

    public static Option<long> Seed(long defaultValue) => new("--seed", "-s")
    {
        Description = "Seed of the synthetic stream: the same seed and options give the same events.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<int> BackfillDays(int defaultValue) => new Option<int>("--backfill-days")
    {
        Description = "Days of history sent first with historical: true (0 = only the accounts' group calls).",
        HelpName = "days",
        DefaultValueFactory = _ => defaultValue,
    }.InRange(0, 400);

    public static Option<TimeSpan> ProgressInterval(TimeSpan defaultValue) => new("--progress-interval")
    {
        Description = "Time between plain progress lines.",
        HelpName = "duration",
        CustomParser = OptionParsers.Duration,
        DefaultValueFactory = _ => defaultValue,
    };
}
