using System.Text.Json;

namespace Pulse.Silo.Tests;

/// <summary>Builds Segment-format messages for tests.</summary>
internal static class Segment
{
    public static string Batch(params object[] messages) => JsonSerializer.Serialize(new { batch = messages });

    public static object Track(string account, string name, object? properties = null, string? messageId = null, DateTimeOffset? at = null) => new
    {
        type = "track",
        messageId = messageId ?? Guid.NewGuid().ToString(),
        timestamp = (at ?? DateTimeOffset.UtcNow).ToString("O"),
        userId = "user-" + account,
        context = new { groupId = account },
        @event = name,
        properties = properties ?? new { },
    };

    public static object Group(string account, string user, object traits) => new
    {
        type = "group",
        messageId = Guid.NewGuid().ToString(),
        timestamp = DateTimeOffset.UtcNow.ToString("O"),
        userId = user,
        groupId = account,
        traits,
    };

    public static string NewAccount(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
