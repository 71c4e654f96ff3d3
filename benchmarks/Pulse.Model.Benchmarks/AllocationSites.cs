using Pulse.Health.Model;
using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.Policy;
using Pulse.Health.Model.State;

namespace Pulse.Model.Benchmarks;

/// <summary>
/// The size of each object the hot path allocates (measured, not estimated) and how often the workload reaches the
/// code that allocates it, so each remaining allocation site can be reported as bytes per event.
/// </summary>
public static class AllocationSites
{
    public static void Run(EventWorkload workload, HealthPolicy policy, TextWriter output)
    {
        // How often the allocating paths run, from what Apply returns.
        var states = workload.AccountIds.Select(id => new AccountHealth(id)).ToArray();
        long secondRecompute = 0, ledgerEntries = 0, contributions = 0, alerts = 0, newAccounts = 0;
        for (var i = 0; i < workload.Events.Length; i++)
        {
            var s = states[workload.AccountOf[i]];
            var e = workload.Events[i];
            var crossesDay = s.HasBeenSeen && DayNumber.Of(e.Timestamp > s.Clock ? e.Timestamp : s.Clock) > DayNumber.Of(s.Clock);
            var ledgerBefore = s.Ledger.Count == ExplanationLedger.Capacity ? -1 : s.Ledger.Count;
            var change = HealthEngine.Apply(s, e, policy, workload.ReceivedAt[i]);
            if (change.IsNewAccount) newAccounts++;
            if (crossesDay) secondRecompute++;
            if (change.Explanation is { } entry) { ledgerEntries++; contributions += entry.Contributions.Count; }
            alerts += change.Alerts.Count;
            _ = ledgerBefore;
        }
        double n = workload.Events.Length;
        var recomputes = n + secondRecompute;
        output.WriteLine($"Recompute runs per event: {recomputes / n:N2} (the event's, plus 'time passed' when it moves the clock to a new day: {secondRecompute / n:P0})");
        output.WriteLine($"Ledger entries per event: {ledgerEntries / n:N2}, contributions per entry: {(ledgerEntries == 0 ? 0 : contributions / (double)ledgerEntries):N2}; alerts raised per event: {alerts / n:N4}; new accounts: {newAccounts}");

        output.WriteLine("| object | bytes |");
        output.WriteLine("|---|---:|");
        // HealthChange is a struct and alerts/contributions collect in per-thread scratch: what is left on the path is
        // below (sizes of the objects as HealthEngine creates them).
        Size(output, "ExplanationEntry (record, retained in the ledger)", () => new ExplanationEntry(default, "m", "e", "v", 1, 2, []));
        Size(output, "Contribution[1] (the entry's copy of the scratch)", () => new Contribution[1]);
        var days = new List<int>();
        Size(output, "RemoveAll(d => d < today - …): closure + delegate", () => { PruneLikeRecompute(days, 20_000); return null; });
        Size(output, "HashSet<ulong> with one id (a new de-dup day, before recycling starts)", () => new HashSet<ulong> { 1UL });
    }

    /// <summary>The shape of HealthEngine.Recompute's payment pruning: a lambda capturing a local of the method.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void PruneLikeRecompute(List<int> failedDays, int today)
    {
        failedDays.RemoveAll(d => d < today - 90);
    }

    private static void Size(TextWriter output, string what, Func<object?> allocate)
    {
        allocate(); // JIT first
        var before = GC.GetAllocatedBytesForCurrentThread();
        var kept = allocate();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(kept);
        output.WriteLine($"| {what} | {bytes} |");
    }
}
