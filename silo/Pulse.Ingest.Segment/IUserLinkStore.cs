namespace Pulse.Ingest.Segment;

/// <summary>Where ingest keeps which account a user was last grouped into (docs/architecture.md §3.3).</summary>
public interface IUserLinkStore
{
    /// <summary>The account <paramref name="userId"/> was linked to, or null when no group call has linked it.</summary>
    ValueTask<string?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Records links (the last one per user wins); completes once they are kept as durably as the profile keeps anything.</summary>
    Task SaveAsync(IReadOnlyCollection<KeyValuePair<string, string>> links, CancellationToken cancellationToken);
}
