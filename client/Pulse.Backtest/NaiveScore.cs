using Pulse.Simulation.Generation;

namespace Pulse.Backtest;

/// <summary>
/// A deliberately simple reference risk, computed from the simulator's events with no model at all: for each account
/// four signals — usage (sessions per user seen in the last 30 days, and those 30 days against the 30 before), tickets
/// opened in the last 30 days (a P1 counting two), the last NPS answer (none: neutral), failed payments — each turned
/// into a percentile among all accounts (riskiest = 1), then averaged with equal weights. If a health model ranks
/// churners worse than this, its structure loses information.
/// </summary>
public sealed class NaiveScore(DateTime end)
{
    private const int WindowDays = 30;
    private readonly Dictionary<string, Signals> _accounts = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _from = new(end.AddDays(-WindowDays), TimeSpan.Zero);
    private readonly DateTimeOffset _before = new(end.AddDays(-2 * WindowDays), TimeSpan.Zero);

    private sealed class Signals
    {
        public readonly HashSet<string> Users = new(StringComparer.Ordinal);
        public int Sessions, EarlierSessions, Tickets, Failures;
        public long? Nps;
    }

    public void Observe(SimMessage m)
    {
        if (!_accounts.TryGetValue(m.AccountId, out var s)) _accounts[m.AccountId] = s = new Signals();
        if (m.Type != SimMessage.Track) return;
        switch (m.Event)
        {
            case "NPS Submitted": s.Nps = m.GetLong("score"); break;
            case "Payment Failed" when m.Timestamp >= _from: s.Failures++; break;
            case "Session Started" when m.Timestamp >= _from: s.Sessions++; s.Users.Add(m.UserId); break;
            case "Session Started" when m.Timestamp >= _before: s.EarlierSessions++; s.Users.Add(m.UserId); break;
            case "Ticket Opened" when m.Timestamp >= _from: s.Tickets += m.GetString("priority") == "P1" ? 2 : 1; break;
        }
    }

    /// <summary>Each account's averaged percentile risk, with whether it churned.</summary>
    public IReadOnlyList<ScoredOutcome> Risks(Func<string, bool> churned)
    {
        var ids = _accounts.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var level = Percentiles(ids, id => -(double)_accounts[id].Sessions / Math.Max(1, _accounts[id].Users.Count));
        var trend = Percentiles(ids, id => -(_accounts[id].Sessions + 1.0) / (_accounts[id].EarlierSessions + 1.0));
        var usage = level.Zip(trend, (a, b) => (a + b) / 2).ToArray();
        var tickets = Percentiles(ids, id => _accounts[id].Tickets);
        var nps = Percentiles(ids, id => -(_accounts[id].Nps ?? 7));
        var payments = Percentiles(ids, id => _accounts[id].Failures);
        return ids.Select((id, i) => new ScoredOutcome((usage[i] + tickets[i] + nps[i] + payments[i]) / 4, churned(id))).ToList();
    }

    /// <summary>The mid-rank percentile (0–1) of each account's value: ties share one percentile.</summary>
    private static double[] Percentiles(List<string> ids, Func<string, double> value) =>
        ChurnMetrics.MidRanks(ids.Select(value).ToArray()).Select(rank => (rank - 1) / Math.Max(1, ids.Count - 1)).ToArray();
}
