namespace Pulse.Health.Model.State;

/// <summary>The account's key contacts (sponsor, champion, admin, power user) and what happened to them.</summary>
public sealed class RelationshipLog
{
    public const int MaxContacts = 16;
    public const string Sponsor = "sponsor";

    /// <summary>Role → the contact holding it and their status. Roles are lower-case: sponsor, champion, admin, power_user.</summary>
    public Dictionary<string, KeyContact> Contacts { get; } = new(StringComparer.Ordinal);
    public bool HasData => Contacts.Count > 0;
    /// <summary>The last day the sponsor (the executive) used the product: "Do executives use it?" (laws L818).</summary>
    public int? SponsorLastActiveDay { get; set; }

    public static string NormaliseRole(string role) => role.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_') switch
    {
        "executive_sponsor" or "exec_sponsor" or "sponsor" => "sponsor",
        "poweruser" or "power_user" => "power_user",
        var other => other,
    };

    /// <summary>The role the given user holds, or null.</summary>
    public string? RoleOf(string? userId)
    {
        if (userId is null) return null;
        foreach (var (role, contact) in Contacts)
            if (contact.UserId == userId && contact.Status == ContactStatus.Present) return role;
        return null;
    }
}

public enum ContactStatus : byte
{
    Present = 0,
    Departed,
    Unreachable,
    Unsubscribed,
}

/// <param name="Since">When the status was last set.</param>
public readonly record struct KeyContact(string? UserId, ContactStatus Status, DateTimeOffset Since);
