namespace Pulse.Health.Model.State;

/// <summary>
/// A person's manual override of an account's score (docs/architecture.md §4.3: with reason, author and expiry). While it
/// holds, the account shows this score and its band; the model keeps computing the evidence-based score beside it.
/// </summary>
public sealed record ScoreOverride(double Score, string Reason, string Author, DateTimeOffset SetAt, DateTimeOffset ExpiresAt)
{
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}
