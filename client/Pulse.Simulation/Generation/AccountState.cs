namespace Pulse.Simulation.Generation;

/// <summary>What an account has accumulated so far: contract, seats, open tickets, invoices. Shared by all personas.</summary>
public sealed class AccountState
{
    public required decimal Arr { get; set; }
    public required string Plan { get; set; }
    public required int SeatsPurchased { get; set; }
    /// <summary>Last reported active seats; -1 before the first <c>Seats Updated</c>.</summary>
    public int SeatsActive { get; set; } = -1;
    public int LastSeatsReportDay { get; set; } = int.MinValue;
    public DateOnly RenewalDate { get; set; }
    /// <summary>The user who is the account's champion / main contact.</summary>
    public int ContactUser { get; set; } = 1;
    /// <summary>A user who left (a departed champion) and sends no more events.</summary>
    public int? DepartedUser { get; set; }
    /// <summary>How many of the product's key features the account uses (feature depth).</summary>
    public int KeyFeatureBreadth { get; set; } = 2;
    public bool HasStartedSession { get; set; }
    public List<Ticket> OpenTickets { get; } = [];
    public int TicketsOpened { get; set; }
    public List<Invoice> Invoices { get; } = [];
    /// <summary>Last backfill day each user (index 1…Users) was active; null until the first day of use is drawn.</summary>
    public int[]? LastActiveDay { get; set; }
    /// <summary>Backfill day of the next NPS survey; -1 before the first is planned.</summary>
    public int NextSurveyDay { get; set; } = -1;
    public int InvoicesIssued { get; set; }
}

public sealed class Ticket
{
    public required string Id { get; init; }
    public required int Priority { get; init; }
    /// <summary>Backfill day (or, live, round) on which it gets solved; int.MaxValue = not planned.</summary>
    public int SolveAt { get; set; } = int.MaxValue;
    public bool Escalated { get; set; }
    /// <summary>True when opened in the live phase (then <see cref="SolveAt"/> is a round, else a backfill day).</summary>
    public bool OpenedLive { get; init; }
}

public sealed class Invoice
{
    public required string Id { get; init; }
    public required decimal Amount { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateOnly DueDate { get; init; }
    /// <summary>Backfill day on which it gets paid; null = not planned (overdue).</summary>
    public int? PayOnDay { get; set; }
    public bool Paid { get; set; }
    /// <summary>Backfill day on which a payment attempt fails; null = none planned.</summary>
    public int? FailOnDay { get; set; }
    public int Failures { get; set; }
}
