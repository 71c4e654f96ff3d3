using Pulse.Simulation.Generation;
using static Pulse.Simulation.Latent.DeterministicMath;

namespace Pulse.Simulation.Personas;

/// <summary>
/// A backfill day drawn from the account's hidden health h (<see cref="AccountContext.Health"/>) and style: the signals
/// every account sends whatever its persona. Each is a noisy function of h, so no single event gives the health away.
/// </summary>
public static partial class Behaviour
{
    /// <summary>Share of active users whose day also sends a <c>Feature Used</c> roll-up (the rest only a session).</summary>
    public const double FeatureRollupShare = 0.5;
    /// <summary>Daily hazard of losing the champion at h = 0 (it falls with (1 − h)²).</summary>
    public const double ChampionLossHazard = 0.004;

    /// <summary>
    /// One day of an account's life: who is active (one <c>Session Started</c> per active user, half of them with a
    /// <c>Feature Used</c> roll-up), weekly seats, billing, support, surveys, e-mail, advocacy and — with
    /// <paramref name="championHazard"/> — the chance the champion leaves. <paramref name="usageFactor"/> scales use
    /// (seasons). Personas add their episode's events on top.
    /// </summary>
    public static void DailyLife(AccountContext a, double usageFactor = 1, bool championHazard = true)
    {
        var h = a.Health;
        if (championHazard) MaybeLoseChampion(a, h);
        ActiveUsers(a, h, usageFactor);
        WeeklySeats(a);
        Billing(a, h);
        Support(a, h);
        Surveys(a, h);
        Emails(a, 0.02 + 0.06 * h);
        if (h > 0.8 && a.Random.Chance(0.02 * (h - 0.8))) Advocacy(a);
    }

    /// <summary>Chance a user with propensity 1 is active on a working day: mostly h², times the account's style.</summary>
    public static double UsageLevel(AccountContext a, double h, double usageFactor) =>
        (0.06 + 0.94 * h * h) * a.Latent.UsageStyle * usageFactor * (a.Profile.IsB2B && a.IsWeekend ? 0.25 : 1);

    private static void ActiveUsers(AccountContext a, double h, double usageFactor)
    {
        var s = a.State;
        var level = UsageLevel(a, h, usageFactor);
        var users = a.Profile.Users;
        if (s.LastActiveDay is null)
        {
            // Who was active in the week before the history: about five working days at today's level.
            s.LastActiveDay = new int[users + 1];
            for (var u = 1; u <= users; u++)
            {
                var p = Math.Min(0.97, level * a.Latent.UserPropensity(u));
                var quiet = 1.0;
                for (var d = 0; d < 5; d++) quiet *= 1 - p;
                s.LastActiveDay[u] = a.Random.Chance(1 - quiet) ? -1 - a.Random.Next(6) : int.MinValue / 2;
            }
        }
        s.KeyFeatureBreadth = Math.Clamp((int)Math.Round(KeyFeatures.Count * h * a.Latent.DepthStyle, MidpointRounding.AwayFromZero), 1, KeyFeatures.Count);
        var keyChance = 0.2 + 0.6 * h;
        for (var user = 1; user <= users; user++)
        {
            if (user == s.DepartedUser) continue;
            if (!a.Random.Chance(Math.Min(0.97, level * a.Latent.UserPropensity(user)))) continue;
            s.LastActiveDay[user] = a.Day;
            a.Track("Session Started", user, Prop.Of("platform", Platform(a)));
            s.HasStartedSession = true;
            if (!a.Random.Chance(FeatureRollupShare)) continue;
            var key = a.Random.Chance(keyChance);
            var feature = key ? KeyFeatures[a.Random.Next(s.KeyFeatureBreadth)] : a.Random.Pick(OtherFeatures);
            a.Track("Feature Used", user, Prop.Of("feature", feature), Prop.Of("key", key), Prop.Of("count", (long)a.Random.Between(1, 5 + (int)(30 * h))));
        }
    }

    /// <summary>Users active in the 7 days up to today (weekly active users).</summary>
    public static int RecentlyActiveUsers(AccountContext a)
    {
        var last = a.State.LastActiveDay;
        if (last is null) return 0;
        var n = 0;
        for (var u = 1; u < last.Length; u++) if (u != a.State.DepartedUser && last[u] >= a.Day - 6) n++;
        return n;
    }

    /// <summary>
    /// <c>Seats Updated {purchased, active}</c> once a week (B2B): the seats whose users were active in the last 7
    /// days, scaled to the seats purchased (an account's events come from at most <see cref="AccountProfile.Users"/>).
    /// </summary>
    public static void WeeklySeats(AccountContext a)
    {
        if (!a.Profile.IsB2B || (a.Day + a.Profile.BillingOffset) % 7 != 0) return;
        var ratio = RecentlyActiveUsers(a) / (double)Math.Max(1, a.Profile.Users);
        ReportSeats(a, ratio, force: true);
    }

    /// <summary>
    /// Monthly invoices. B2C pays by card on the day; B2B net 30, paid 3–25 days after issue (25–45 for late payers).
    /// A payment fails with a chance that grows steeply as health falls (1 % at h = 1, 7 % at h = 0.5, 51 % at h = 0); after a failure
    /// the money may come days later or never, and an unhealthy account often lets invoices go overdue.
    /// </summary>
    private static void Billing(AccountContext a, double h)
    {
        Settle(a, h);
        if (!IsBillingDay(a)) return;
        var fresh = IssueInvoice(a);
        var fails = a.Random.Chance(0.01 + 0.5 * (1 - h) * (1 - h) * (1 - h));
        if (!a.Profile.IsB2B)
        {
            if (fails) fresh.FailOnDay = a.Day;
            else fresh.PayOnDay = a.Day;
        }
        else
        {
            var delay = a.Latent.LatePayer ? a.Random.Between(25, 45) : a.Random.Between(3, 25);
            if (h < 0.4 && a.Random.Chance(0.5)) delay += a.Random.Between(20, 40);
            fresh.PayOnDay = a.Day + delay;
            if (fails) fresh.FailOnDay = a.Day + a.Random.Between(2, Math.Max(2, delay - 1));
        }
        Settle(a, h); // today's card charge (or failure)
    }

    /// <summary>Today's planned payment failures (after which the money may come 1–10 days later, or never) and payments.</summary>
    private static void Settle(AccountContext a, double h)
    {
        foreach (var invoice in a.State.Invoices.ToList())
        {
            if (invoice.FailOnDay != a.Day) continue;
            FailPayment(a, invoice);
            invoice.FailOnDay = null;
            invoice.PayOnDay = a.Random.Chance(0.35 + 0.6 * h) ? a.Day + a.Random.Between(1, 10) : null;
        }
        PayDueInvoices(a);
    }

    /// <summary>
    /// Tickets at a daily rate that grows with users and with (1 − h)², times the account's ticket style (demanding
    /// customers file four times as many, P1s included, while healthy). CSAT answers a third of solved tickets, 1–5
    /// from h with noise.
    /// </summary>
    private static void Support(AccountContext a, double h)
    {
        SolveDueTickets(a, () => a.Random.Chance(0.35) ? (int)Math.Clamp(Math.Round(1 + 4 * h + 0.8 * Normal(a.Random)), 1, 5) : null);
        var rateBase = a.Profile.IsB2B ? 0.012 + 0.0006 * a.Profile.Users : 0.006;
        if (!a.Random.Chance(rateBase * a.Latent.TicketStyle * (0.3 + 3 * (1 - h) * (1 - h)))) return;
        var p1 = a.Latent.Demanding ? 0.15 : 0.01 + 0.12 * (1 - h);
        var x = a.Random.NextDouble();
        var priority = x < p1 ? 1 : x < p1 + 0.2 ? 2 : x < p1 + 0.7 ? 3 : 4;
        var ticket = OpenTicket(a, priority, a.Day + (priority == 1 ? a.Random.Between(0, 2) : a.Random.Between(1, 7)));
        if (a.Random.Chance(a.Latent.Demanding ? 0.15 : 0.04 + 0.3 * (1 - h))) Escalate(a, ticket);
    }

    /// <summary>An NPS survey every 30–90 days; answered with the account's (low) response rate, 0–10 from h with noise.</summary>
    private static void Surveys(AccountContext a, double h)
    {
        var s = a.State;
        if (s.NextSurveyDay < 0) s.NextSurveyDay = a.Latent.FirstSurveyDay;
        if (a.Day != s.NextSurveyDay) return;
        s.NextSurveyDay = a.Day + a.Random.Between(30, 90);
        var id = SurveySent(a, s.ContactUser);
        if (a.Random.Chance(a.Latent.SurveyResponse)) NpsAnswer(a, id, NpsScore(a, h), s.ContactUser);
    }

    /// <summary>An NPS answer drawn from health: 10·h plus the grader's bias plus noise (sd 1.5), rounded into 0–10.</summary>
    public static int NpsScore(AccountContext a, double h) =>
        (int)Math.Clamp(Math.Round(10 * h + a.Latent.NpsBias + 1.5 * Normal(a.Random)), 0, 10);

    /// <summary>The champion (user 1) leaves, with a daily hazard rising as health falls (B2B with three users or more).</summary>
    private static void MaybeLoseChampion(AccountContext a, double h)
    {
        if (!a.Profile.IsB2B || a.Profile.Users < 3 || a.State.DepartedUser is not null) return;
        if (!a.Random.Chance(ChampionLossHazard * (1 - h) * (1 - h))) return;
        LoseChampion(a, champion: 1, successor: 2);
    }

    /// <summary><c>Contact Role Changed {champion, departed}</c>: the champion sends nothing more, the successor is the contact.</summary>
    public static void LoseChampion(AccountContext a, int champion, int successor)
    {
        RoleChanged(a, champion, "champion", "departed");
        a.State.DepartedUser = champion;
        a.State.ContactUser = successor;
    }
}
