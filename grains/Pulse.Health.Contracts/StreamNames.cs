namespace Pulse.Health.Contracts;

/// <summary>Names shared by the ingest API (producer) and the account grains (implicit subscribers).</summary>
public static class StreamNames
{
    /// <summary>The stream provider carrying account events.</summary>
    public const string Provider = "account-stream";
    /// <summary>Stream namespace; the stream key is the account id (docs/architecture.md §3.1).</summary>
    public const string AccountEvents = "account-events";
    /// <summary>Storage provider for grain state.</summary>
    public const string Storage = "accounts";
}
