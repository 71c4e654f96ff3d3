using Pulse.Health.Model.Events;

namespace Pulse.Ingest.Segment;

/// <summary>One message of a request after parsing: either an event for an account, or the reason it was rejected.</summary>
public sealed record ParsedMessage(int Index, string? MessageId)
{
    public HealthEvent? Event { get; init; }
    /// <summary>The account the message names directly (context.groupId, groupId, properties.accountId).</summary>
    public string? AccountId { get; set; }
    /// <summary>The userId, used for routing when no account is named.</summary>
    public string? UserId { get; init; }
    /// <summary>For group calls: link the user to this account for later calls.</summary>
    public bool LinksUser { get; init; }
    public string? Error { get; set; }

    public bool IsValid => Error is null;

    public static ParsedMessage Rejected(int index, string? messageId, string reason) => new(index, messageId) { Error = reason };
}
