namespace Pulse.Health.Model.State;

/// <summary>Days since the Unix epoch (UTC): the model's unit for windows such as "active days in the last 30".</summary>
public static class DayNumber
{
    public static int Of(DateTimeOffset time) => (int)Math.Floor(time.ToUnixTimeSeconds() / 86400.0);

    public static DateTimeOffset Start(int day) => DateTimeOffset.UnixEpoch.AddDays(day);
}
