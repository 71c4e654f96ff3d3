using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Utilities;
using Pulse.Health.Contracts;
using Pulse.Health.Grains.Policy;
using Pulse.Health.Grains.Wakeups;
using Pulse.Health.Grains.Wall;
using Pulse.Health.Model;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Explanation;
using Pulse.Health.Model.State;

namespace Pulse.Health.Grains.Accounts;

/// <summary>
/// One customer account: a thin shell around the pure model. It receives events on its implicit stream, applies them
/// through <see cref="HealthEngine"/>, writes state behind, tells the silo's wall aggregator about meaningful changes,
/// and pushes every change to live watchers.
/// </summary>
[ImplicitStreamSubscription(StreamNames.AccountEvents)]
public sealed class AccountGrain(
    [PersistentState("account", StreamNames.Storage)] IPersistentState<AccountGrainState> stored,
    IHealthPolicySource policies,
    SiloWallAggregator wall,
    IEventDeliveries deliveries,
    ActiveAccounts active,
    IAccountCatchUp catchUp,
    AccountPersistence persistence,
    HealthClock clock,
    ILogger<AccountGrain> logger)
    : Grain, IAccountGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<HealthEvent>
{
    public static readonly TimeSpan WatchExpiry = TimeSpan.FromMinutes(3);

    private AccountHealth _health = null!;
    /// <summary>Created by the first watcher: most accounts are never watched, and an empty manager costs ~200 B each.</summary>
    private ObserverManager<IAccountObserver>? _watchers;
    private IGrainTimer? _writeTimer;
    private bool _dirty;
    /// <summary>Whether the wake-up calendar holds this account (set when it is told, cleared when it answers "never").</summary>
    private bool _scheduled;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _health = stored.State.Model is { } bytes ? AccountHealthCodec.Decode(bytes) : new AccountHealth(id);
        stored.State.Model = null; // the live model is the state now; keeping its encoding too would double an account's memory
        active.Add(_health.AccountId);
        if (_health.HasBeenSeen)
        {
            // Time may have passed while the account was not in memory: evaluate lazily on activation.
            var change = HealthEngine.Evaluate(_health, clock.Now, policies.Current);
            Publish(change, historical: false);
            if (Changed(change)) _dirty = true;
            ScheduleWakeup();
        }
        // No per-account timer: time alone changes the model only at day boundaries (HealthEngine.NextTimeDrivenChange)
        // or an override's expiry, and the wake-up calendar delivers exactly those. A 10-minute timer per resident
        // account cost ~400 B each and re-evaluated a million accounts 1,700 times a second for nothing.
        // Durable profiles: apply what was committed after the persisted position (lost with a crashed silo's memory).
        if (catchUp.Enabled)
        {
            var missed = await catchUp.ReadAfterAsync(id, stored.State.Position, cancellationToken);
            if (missed.Count > 0) await OnNextAsync(missed.Select(m => new SequentialItem<HealthEvent>(m.Event, m.Position)).ToList());
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        active.Remove(_health.AccountId);
        if (_dirty) await WriteAsync();
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<HealthEvent>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<HealthEvent>> items)
    {
        var policy = policies.Current;
        var now = clock.Now;
        var applied = 0;
        try
        {
            foreach (var item in items)
            {
                if (catchUp.Enabled)
                {
                    if (IAccountCatchUp.AlreadyApplied(item.Token, stored.State.Position)) continue;
                    stored.State.Position = item.Token;
                }
                var change = HealthEngine.Apply(_health, item.Item, policy, now);
                if (change.WasDuplicate) continue;
                applied++;
                Publish(change, item.Item.Historical);
            }
        }
        finally
        {
            deliveries.Delivered(items.Count);
            wall.CountApplied(applied);
        }
        if (applied > 0)
        {
            if (!_scheduled) ScheduleWakeup(); // a new (or won-back archived) account joins the wake-up calendar
            ScheduleWrite();
            NotifyWatchers();
        }
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "Stream error on account {Account}", _health.AccountId);
        return Task.CompletedTask;
    }

    public Task<AccountView?> GetView() =>
        Task.FromResult(_health.HasBeenSeen ? AccountViewMapper.ToView(_health) : null);

    public Task<AccountView?> Watch(IAccountObserver observer)
    {
        (_watchers ??= new ObserverManager<IAccountObserver>(WatchExpiry, logger)).Subscribe(observer, observer);
        return GetView();
    }

    public Task Unwatch(IAccountObserver observer)
    {
        _watchers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<AccountExplanationView?> Explain() =>
        Task.FromResult(_health.HasBeenSeen ? AccountViewMapper.ToView(HealthExplainer.Explain(_health, policies.Current)) : null);

    public Task Reevaluate() => EvaluateAsync();

    public async Task<DateTimeOffset?> Wake()
    {
        await EvaluateAsync();
        var next = NextWakeup();
        _scheduled = next is not null;
        return next;
    }

    public Task<AccountView?> SetOverride(OverrideRequest request)
    {
        if (!_health.HasBeenSeen) return Task.FromResult<AccountView?>(null);
        var change = HealthEngine.SetOverride(_health,
            new ScoreOverride(request.Score ?? throw new ArgumentException("an override needs a score", nameof(request)), request.Reason, request.Author, clock.Now, request.ExpiresAt), policies.Current);
        Applied(change);
        ScheduleWakeup(); // the expiry may come before the next daily wake-up
        return GetView();
    }

    public Task<AccountView?> ClearOverride(string author)
    {
        if (!_health.HasBeenSeen) return Task.FromResult<AccountView?>(null);
        Applied(HealthEngine.ClearOverride(_health, clock.Now, author, policies.Current));
        return GetView();
    }

    private Task EvaluateAsync()
    {
        if (!_health.HasBeenSeen) return Task.CompletedTask;
        Applied(HealthEngine.Evaluate(_health, clock.Now, policies.Current));
        return Task.CompletedTask;
    }

    /// <summary>Publishes a change that came from time, policy or a person (not from the stream) and persists it.</summary>
    private void Applied(HealthChange change)
    {
        Publish(change, historical: false);
        if (!Changed(change)) return;
        ScheduleWrite();
        NotifyWatchers();
    }

    private static bool Changed(HealthChange change) =>
        change.Explanation is not null || change.StageChanged || change.FlagsChanged || change.Alerts.Count > 0;

    /// <summary>When the account is next due an evaluation with no event, spread over an hour so shards are not woken in one burst.</summary>
    private DateTimeOffset? NextWakeup()
    {
        var now = clock.Now;
        if (HealthEngine.NextTimeDrivenChange(_health, now) is not { } next) return null;
        var spread = TimeSpan.FromSeconds(AccountWakeupGrain.ShardOf(_health.AccountId) * 3600.0 / AccountWakeupGrain.Shards
            + (uint)_health.AccountId.GetHashCode() % 56);
        return _health.Override is { } o && o.ExpiresAt == next ? next : next + spread;
    }

    private void ScheduleWakeup()
    {
        if (NextWakeup() is not { } due) return;
        GrainFactory.GetGrain<IAccountWakeupGrain>(AccountWakeupGrain.ShardOf(_health.AccountId)).Schedule(_health.AccountId, due).Ignore();
        _scheduled = true; // the calendar keeps it from here: each wake-up answers with the next
    }

    /// <summary>Tells the silo's wall aggregator about the change if it matters to the wall (docs/architecture.md §5).</summary>
    private void Publish(HealthChange change, bool historical)
    {
        var s = _health;
        var band = s.Band ?? Model.Scoring.Band.Yellow;
        var now = new WallContribution((int)band, (int)s.Stage, WallContribution.BucketOf(s.Score),
            s.Arr, s.Flags.HasFlag(Model.Lifecycle.LifecycleFlags.AtRisk), s.Score);
        var published = stored.State.Published;
        var moved = published is { } p && !historical && Math.Abs(s.Score - p.Score) >= policies.Current.MoverThreshold;
        var alerts = change.Alerts;
        if (published is { } before && !now.DiffersInCountsFrom(before) && !moved && alerts.Count == 0) return;

        MoverView? mover = moved
            ? new MoverView
            {
                AccountId = s.AccountId,
                From = Math.Round(published!.Value.Score, 1),
                To = Math.Round(s.Score, 1),
                Delta = Math.Round(s.Score - published.Value.Score, 1),
                Band = band,
                At = s.UpdatedAt,
                Cause = change.Explanation is { Contributions.Count: > 0 } e ? Model.Components.ComponentNames.Of(e.Contributions[0].Component) : null,
            }
            : null;
        wall.Record(published, now, mover, alerts.Count == 0 ? [] : alerts.Select(a => AccountViewMapper.ToView(s, a)).ToArray());
        stored.State.Published = now;
        _dirty = true;
    }

    private void NotifyWatchers()
    {
        if (_watchers is not { Count: > 0 }) return;
        var view = AccountViewMapper.ToView(_health);
        _watchers.Notify(o => o.OnAccountChanged(view));
    }

    private void ScheduleWrite()
    {
        _dirty = true;
        if (persistence.WriteBehind is not { } delay) return; // written when the account leaves memory
        _writeTimer ??= this.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions
        {
            DueTime = delay,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = false,
        });
    }

    private async Task WriteAsync()
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        if (!_dirty) return;
        _dirty = false;
        stored.State.Model = AccountHealthCodec.Encode(_health);
        try
        {
            await stored.WriteStateAsync();
            stored.State.Model = null; // written: the encoding is not needed in memory until the next write
        }
        catch (Exception ex)
        {
            _dirty = true;
            logger.LogWarning(ex, "Writing account {Account} failed; will retry", _health.AccountId);
            ScheduleWrite();
        }
    }
}
