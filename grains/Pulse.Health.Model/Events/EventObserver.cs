using Pulse.Health.Model.Events;
using Pulse.Health.Model.State;

namespace Pulse.Health.Model;

/// <summary>Records what an event says into the account's evidence (logs and traits). Scoring happens afterwards.</summary>
public static class EventObserver
{
    public static void Observe(AccountHealth s, HealthEvent e, int day)
    {
        if (e.Traits is { } traits) ApplyTraits(s, traits);
        if (EventCatalog.IsProductActivity(e.Kind))
        {
            s.Activity.Record(day);
            // "Do executives use it?" (laws L818): the sponsor's own product use is the exec-use signal.
            if (e.UserId is not null && s.Relationship.Contacts.TryGetValue(RelationshipLog.Sponsor, out var sponsor)
                && sponsor.Status == ContactStatus.Present && sponsor.UserId == e.UserId)
                s.Relationship.SponsorLastActiveDay = Math.Max(s.Relationship.SponsorLastActiveDay ?? day, day);
        }

        switch (e.Kind)
        {
            case EventKind.FeatureUsed:
                if (e.IsKeyFeature && e.Feature is { } feature) s.Activity.RecordKeyFeature(feature, day);
                break;
            case EventKind.SeatsUpdated:
                if (e.SeatsPurchased is { } purchased) s.SeatsPurchased = purchased;
                if (e.SeatsActive is { } active) s.SeatsActive = active;
                break;
            case EventKind.TicketOpened:
                s.Support.HasData = true;
                if (e.TicketId is { } opened && !s.Support.Open.ContainsKey(opened))
                {
                    if (s.Support.Open.Count < SupportLog.MaxOpenTickets)
                        s.Support.Open[opened] = new OpenTicket(day, e.Priority ?? 3, false);
                    s.Support.OpenedDays.Add(day);
                }
                break;
            case EventKind.TicketEscalated:
                s.Support.HasData = true;
                s.Support.EscalationDays.Add(day);
                if (e.TicketId is { } escalated && s.Support.Open.TryGetValue(escalated, out var ticket))
                    s.Support.Open[escalated] = ticket with { Escalated = true, Priority = Math.Min(ticket.Priority, e.Priority ?? ticket.Priority) };
                break;
            case EventKind.TicketSolved:
                s.Support.HasData = true;
                if (e.TicketId is { } solved) s.Support.Open.Remove(solved);
                break;
            case EventKind.OutageReported:
                s.Support.HasData = true;
                s.Support.OutageDays.Add(day);
                break;
            case EventKind.CesSubmitted when e.Score is { } ces:
                if (e.Timestamp >= s.Voice.LastCesAt) { s.Voice.LastCes = ces; s.Voice.LastCesAt = e.Timestamp; }
                s.Voice.PendingSurveySentAt = null;
                break;
            case EventKind.WebinarAttended or EventKind.CommunityPostCreated:
                s.Engagement.HasData = true;
                EngagementLog.Add(s.Engagement.Participation, day);
                break;
            case EventKind.SurveySent:
                s.Voice.PendingSurveySentAt = e.Timestamp;
                break;
            case EventKind.NpsSubmitted when e.Score is { } nps:
                if (e.Timestamp >= s.Voice.LastNpsAt) { s.Voice.LastNps = nps; s.Voice.LastNpsAt = e.Timestamp; }
                s.Voice.PendingSurveySentAt = null;
                break;
            case EventKind.CsatSubmitted when e.Score is { } csat:
                if (e.Timestamp >= s.Voice.LastCsatAt) { s.Voice.LastCsat = csat; s.Voice.LastCsatAt = e.Timestamp; }
                s.Voice.PendingSurveySentAt = null;
                break;
            case EventKind.InvoiceIssued:
                s.Payment.HasData = true;
                if (e.InvoiceId is { } issued && s.Payment.Open.Count < PaymentLog.MaxOpenInvoices)
                    s.Payment.Open[issued] = new OpenInvoice(e.Amount ?? 0, e.DueDate ?? e.Timestamp.AddDays(30));
                break;
            case EventKind.PaymentReceived:
                s.Payment.HasData = true;
                if (e.InvoiceId is { } paid)
                {
                    var due = s.Payment.Open.TryGetValue(paid, out var invoice) ? invoice.DueDate : e.DueDate;
                    s.Payment.RecordPaid(due is null || e.Timestamp <= due.Value.AddDays(1));
                    s.Payment.Open.Remove(paid);
                }
                break;
            case EventKind.PaymentFailed:
                s.Payment.HasData = true;
                s.Payment.FailedDays.Add(day);
                if (e.InvoiceId is { } failed && !s.Payment.Open.ContainsKey(failed) && s.Payment.Open.Count < PaymentLog.MaxOpenInvoices)
                    s.Payment.Open[failed] = new OpenInvoice(e.Amount ?? 0, e.DueDate ?? e.Timestamp);
                break;
            case EventKind.ContractSigned or EventKind.ContractChanged or EventKind.RenewalClosed:
                if (e.Arr is { } arr) { s.Arr = arr; s.Growth.InitialArr ??= arr; }
                if (e.Kind == EventKind.ContractChanged && string.Equals(e.Change, "upgrade", StringComparison.OrdinalIgnoreCase))
                    s.Growth.LastUpgradeAt = e.Timestamp;
                if (e.RenewalDate is { } renewal) s.RenewalDate = renewal;
                break;
            case EventKind.AdvocacyRecorded:
                s.LastAdvocacyAt = e.Timestamp;
                s.Growth.RecordAdvocacy(e.Timestamp);
                break;
            case EventKind.ContactRoleChanged when e.Role is { Length: > 0 } role:
                ObserveContact(s, RelationshipLog.NormaliseRole(role), e);
                break;
            case EventKind.EmailOpened:
                s.Engagement.HasData = true;
                EngagementLog.Add(s.Engagement.Opens, day);
                break;
            case EventKind.EmailClicked:
                s.Engagement.HasData = true;
                EngagementLog.Add(s.Engagement.Clicks, day);
                break;
            case EventKind.EmailBounced:
                s.Engagement.HasData = true;
                EngagementLog.Add(s.Engagement.Bounces, day);
                break;
            case EventKind.EmailUnsubscribed:
                s.Engagement.HasData = true;
                EngagementLog.Add(s.Engagement.Unsubscribes, day);
                // A champion or sponsor unsubscribing is a relationship signal, not only an e-mail one (book L1324).
                if (s.Relationship.RoleOf(e.UserId) is { } unsubscribedRole)
                    s.Relationship.Contacts[unsubscribedRole] = new KeyContact(e.UserId, ContactStatus.Unsubscribed, e.Timestamp);
                break;
        }
    }

    private static void ObserveContact(AccountHealth s, string role, HealthEvent e)
    {
        var contacts = s.Relationship.Contacts;
        if (!contacts.ContainsKey(role) && contacts.Count >= RelationshipLog.MaxContacts) return;
        var holder = contacts.TryGetValue(role, out var current) ? current.UserId : null;
        var status = e.Change?.Trim().ToLowerInvariant() switch
        {
            "departed" or "left" or "removed" => ContactStatus.Departed,
            "unreachable" or "dark" => ContactStatus.Unreachable,
            _ => ContactStatus.Present, // assigned (or an unspecified change): someone holds the role now
        };
        contacts[role] = new KeyContact(status == ContactStatus.Present ? e.UserId ?? holder : holder ?? e.UserId, status, e.Timestamp);
    }

    private static void ApplyTraits(AccountHealth s, AccountTraits t)
    {
        if (t.Name is not null) s.Name = t.Name;
        if (t.Plan is not null) s.Plan = t.Plan;
        if (t.Tier is { } tier) { s.Tier = tier; s.TierFromTrait = true; }
        if (t.Arr is { } arr) s.Arr = arr;
        else if (t.Mrr is { } mrr) s.Arr = mrr * 12;
        if (s.Arr > 0) s.Growth.InitialArr ??= s.Arr;
        if (t.Seats is { } seats) s.SeatsPurchased = seats;
        if (t.RenewalDate is { } renewal) s.RenewalDate = renewal;
        if (t.Segment is not null) s.Segment = t.Segment;
        if (t.Industry is not null) s.Industry = t.Industry;
    }
}
