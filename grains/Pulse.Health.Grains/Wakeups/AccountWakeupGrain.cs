using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pulse.Health.Contracts;

namespace Pulse.Health.Grains.Wakeups;

/// <summary>
/// One shard of the wake-up calendar. Accounts tell it when they are next due; a single coarse reminder per shard
/// wakes the due ones, each of which evaluates with no event and answers when it is next due. Reentrant so that
/// accounts scheduling themselves are never stuck behind a wake-up round; every state change happens within one turn.
/// </summary>
[Reentrant]
public sealed class AccountWakeupGrain(
    [PersistentState("wakeups", StreamNames.Storage)] IPersistentState<WakeupState> store,
    HealthClock clock,
    IOptions<WakeupOptions> options,
    ILogger<AccountWakeupGrain> logger) : Grain, IAccountWakeupGrain, IRemindable
{
    /// <summary>Shards in the calendar: at a million accounts each holds ~16k, a state of a few hundred KB.</summary>
    public const int Shards = 64;
    public const string ReminderName = "wakeup";
    /// <summary>State is written behind, at most this often (losing a few schedules only delays those accounts to their next event).</summary>
    public static readonly TimeSpan WriteBehind = TimeSpan.FromSeconds(30);
    /// <summary>Accounts woken at once within a round.</summary>
    public const int WakeParallelism = 64;

    private IGrainTimer? _writeTimer;
    private bool _running;

    public static int ShardOf(string accountId)
    {
        // FNV-1a: stable across processes and versions (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in accountId) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Shards);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tick = options.Value.TickInterval;
        await this.RegisterOrUpdateReminder(ReminderName, tick, tick);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writeTimer is not null) await WriteAsync();
    }

    public Task Schedule(string accountId, DateTimeOffset due)
    {
        store.State.Due[accountId] = due.UtcTicks;
        ScheduleWrite();
        return Task.CompletedTask;
    }

    public Task<int> Count() => Task.FromResult(store.State.Due.Count);

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunDue(clock.Now);

    public async Task<int> RunDue(DateTimeOffset now)
    {
        if (_running) return 0; // a slow round is still going: the next tick continues it
        _running = true;
        try
        {
            // Entries stay in the calendar until their account has answered: a round cut short (crash, deactivation,
            // a write-behind in the middle) wakes them again next time. At least once, never lost.
            var due = store.State.Due.Where(kv => kv.Value <= now.UtcTicks).ToArray();
            if (due.Length == 0) return 0;
            var woken = 0;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = WakeParallelism, TaskScheduler = TaskScheduler.Current }, async (entry, _) =>
            {
                var (id, dueAt) = entry;
                DateTimeOffset? next;
                try
                {
                    next = await GrainFactory.GetGrain<IAccountGrain>(id).Wake();
                    Interlocked.Increment(ref woken);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Waking account {Account} failed; trying again next round", id);
                    return; // stays due
                }
                // The account may have rescheduled itself meanwhile (it activated): then its own entry stands.
                if (!store.State.Due.TryGetValue(id, out var current) || current != dueAt) return;
                if (next is { } at) store.State.Due[id] = at.UtcTicks;
                else store.State.Due.Remove(id);
            });
            ScheduleWrite();
            return woken;
        }
        finally
        {
            _running = false;
        }
    }

    private void ScheduleWrite() =>
        _writeTimer ??= this.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions { DueTime = WriteBehind, Period = Timeout.InfiniteTimeSpan });

    private async Task WriteAsync()
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        try
        {
            await store.WriteStateAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Writing wake-up shard {Shard} failed; will retry", this.GetPrimaryKeyLong());
            ScheduleWrite();
        }
    }
}

[GenerateSerializer, Alias("pulse.WakeupState")]
public sealed class WakeupState
{
    /// <summary>Account id → when it is next due (UTC ticks).</summary>
    [Id(0)] public Dictionary<string, long> Due { get; set; } = new(StringComparer.Ordinal);
}
