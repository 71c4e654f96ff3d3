using Microsoft.AspNetCore.SignalR;

namespace Pulse.Dashboard;

internal static class AccountIdRules
{
    public const int MaxLength = 256;

    public static bool IsValid(string? accountId) => !string.IsNullOrWhiteSpace(accountId) && accountId.Length <= MaxLength;

    public static void Validate(string? accountId)
    {
        if (!IsValid(accountId)) throw new HubException($"accountId must be 1–{MaxLength} characters");
    }
}
