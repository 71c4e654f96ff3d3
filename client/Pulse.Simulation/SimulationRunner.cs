using Pulse.Simulation.Generation;
using Pulse.Simulation.Personas;
using Pulse.Simulation.Sending;

namespace Pulse.Simulation;

/// <summary>
/// Runs a simulation against a Pulse ingest API: first the backfill (every account's group call and history, sent with
/// <c>historical: true</c> as fast as the server accepts), then the live phase (timestamps = now, at
/// <see cref="SimulationOptions.EventsPerSecond"/>) for <see cref="SimulationOptions.Duration"/> or until cancelled.
/// Accounts are split between <see cref="SimulationOptions.Connections"/> connections, each sending one batch at a
/// time, so an account's events arrive in order. Cancelling ends the run gracefully: <see cref="RunAsync"/> returns a
/// summary (outcome <see cref="SimulationOutcome.Cancelled"/>) rather than throwing.
/// </summary>
public sealed class SimulationRunner
{
    /// <summary>Live episodes are spread over about this long (or 80 % of a shorter duration).</summary>
    public static readonly TimeSpan LiveEpisodeWindow = TimeSpan.FromMinutes(10);
    /// <summary>After the live duration, how long a batch already started may still wait to be retried.</summary>
    public static readonly TimeSpan RetryGrace = TimeSpan.FromSeconds(10);
    /// <summary>Average live events per account per round for the default mix (measured; used to pace episodes).</summary>
    public const double LiveEventsPerAccountRound = 0.6;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly SendStatistics _stats;
    private int _started;
    private volatile SimulationPhase _phase = SimulationPhase.NotStarted;
    private long _startedAt, _liveStartedAt, _liveEndedAt, _backfillEndedAt, _endedAt;
    private int _accountsBackfilled;
    private RunCancellation? _run;

    public SimulationRunner(HttpClient httpClient, SimulationOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        Options = options;
        _time = timeProvider ?? TimeProvider.System;
        _stats = new SendStatistics(_time);
    }

    public SimulationOptions Options { get; }

    /// <summary>A snapshot of the run so far; safe to read from any thread at any time.</summary>
    public SimulationProgress Progress
    {
        get
        {
            var started = Interlocked.Read(ref _startedAt);
            var ended = Interlocked.Read(ref _endedAt);
            var liveStart = Interlocked.Read(ref _liveStartedAt);
            var liveEnd = Interlocked.Read(ref _liveEndedAt);
            var now = _time.GetTimestamp();
            return new SimulationProgress
            {
                Phase = _phase,
                Elapsed = started == 0 ? TimeSpan.Zero : _time.GetElapsedTime(started, ended == 0 ? now : ended),
                LiveElapsed = liveStart == 0 ? TimeSpan.Zero : _time.GetElapsedTime(liveStart, liveEnd == 0 ? now : liveEnd),
                LiveDuration = Options.Duration,
                Accounts = Options.Accounts,
                AccountsBackfilled = Volatile.Read(ref _accountsBackfilled),
                Sent = _stats.Sent,
                Accepted = _stats.Accepted,
                Rejected = _stats.Rejected,
                Failed = _stats.Failed,
                Retries = _stats.Retries,
                EventsPerSecond = _stats.CurrentEventsPerSecond,
                LastError = _stats.LastError,
                ErrorsByReason = _stats.ErrorsByReason(),
            };
        }
    }

    /// <summary>Runs the simulation once. Throws <see cref="ArgumentException"/> for invalid options.</summary>
    public async Task<SimulationSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var errors = Options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid simulation options: " + string.Join("; ", errors));
        if (Interlocked.Exchange(ref _started, 1) == 1) throw new InvalidOperationException("a SimulationRunner runs once; create another for another run");

        Interlocked.Exchange(ref _startedAt, _time.GetTimestamp());
        var anchor = Options.StartTime ?? _time.GetUtcNow();
        var connections = Math.Min(Options.Connections, Options.Accounts);
        var generator = new CustomerGenerator(new GeneratorOptions
        {
            Seed = Options.Seed,
            Accounts = Options.Accounts,
            BackfillDays = Options.BackfillDays,
            Anchor = anchor,
            PersonaMix = Options.PersonaMix ?? PersonaMix.Default,
            LiveOnsetShare = Options.LiveOnsetShare,
            LiveEpisodeRounds = LiveEpisodeRounds(Options),
        });
        var sender = new BatchSender(_http, new SenderSettings
        {
            Target = Options.Target,
            WriteKey = Options.WriteKey,
            MaxAttempts = Options.MaxAttempts,
            RequestTimeout = Options.RequestTimeout,
        }, _stats, _time);

        using var run = new RunCancellation(cancellationToken, Options.DrainTimeout);
        _run = run;

        try
        {
            _phase = SimulationPhase.Backfill;
            var backfillRate = Options.BackfillEventsPerSecond is > 0 and var rate ? new TokenBucket(rate, _time) : null;
            await Task.WhenAll(Enumerable.Range(0, connections).Select(p => Task.Run(() =>
                PumpAsync(sender, BackfillOf(generator, p, connections), historical: true, backfillRate, Options.BatchSize,
                    run.Stop, run.Stop, run.Abort)))).ConfigureAwait(false);
            Interlocked.Exchange(ref _backfillEndedAt, _time.GetTimestamp());

            if (!run.Stop.IsCancellationRequested && Options.Duration != TimeSpan.Zero)
            {
                _phase = SimulationPhase.Live;
                Interlocked.Exchange(ref _liveStartedAt, _time.GetTimestamp());
                using var duration = Options.Duration is { } d ? new CancellationTokenSource(d, _time) : new CancellationTokenSource();
                using var liveStop = CancellationTokenSource.CreateLinkedTokenSource(run.Stop, duration.Token);
                // The duration stops new batches; a batch already started may still wait for Retry-After or back-off
                // for a grace period, so an overloaded server cannot hold the run far beyond its duration.
                using var liveWait = CancellationTokenSource.CreateLinkedTokenSource(run.Stop);
                using var grace = duration.Token.Register(() =>
                {
                    try { liveWait.CancelAfter(RetryGrace); } catch (ObjectDisposedException) { }
                });
                var bucket = new TokenBucket(Options.EventsPerSecond, _time);
                var batchSize = LiveBatchSize(Options);
                await Task.WhenAll(Enumerable.Range(0, connections).Select(p => Task.Run(() =>
                    PumpAsync(sender, generator.Live(_time, p, connections), historical: false, bucket, batchSize,
                        liveStop.Token, liveWait.Token, run.Abort)))).ConfigureAwait(false);
                Interlocked.Exchange(ref _liveEndedAt, _time.GetTimestamp());
            }
        }
        finally
        {
            Interlocked.Exchange(ref _endedAt, _time.GetTimestamp());
            if (Interlocked.Read(ref _backfillEndedAt) == 0) Interlocked.Exchange(ref _backfillEndedAt, Interlocked.Read(ref _endedAt));
            if (Interlocked.Read(ref _liveStartedAt) != 0 && Interlocked.Read(ref _liveEndedAt) == 0)
                Interlocked.Exchange(ref _liveEndedAt, Interlocked.Read(ref _endedAt));
            _run = null;
        }

        var failure = run.Failure;
        var outcome = failure is not null ? SimulationOutcome.Failed
            : cancellationToken.IsCancellationRequested ? SimulationOutcome.Cancelled
            : SimulationOutcome.Completed;
        _phase = outcome switch
        {
            SimulationOutcome.Failed => SimulationPhase.Failed,
            SimulationOutcome.Cancelled => SimulationPhase.Cancelled,
            _ => SimulationPhase.Completed,
        };
        return Summarise(outcome, failure, anchor);
    }

    private SimulationSummary Summarise(SimulationOutcome outcome, string? failure, DateTimeOffset anchor)
    {
        var started = Interlocked.Read(ref _startedAt);
        var ended = Interlocked.Read(ref _endedAt);
        var liveStart = Interlocked.Read(ref _liveStartedAt);
        return new SimulationSummary
        {
            Outcome = outcome,
            FailureReason = failure,
            Target = Options.Target,
            Accounts = Options.Accounts,
            Seed = Options.Seed,
            StartTime = anchor,
            Sent = _stats.Sent,
            Accepted = _stats.Accepted,
            Rejected = _stats.Rejected,
            Failed = _stats.Failed,
            Retries = _stats.Retries,
            Requests = _stats.Requests,
            BackfillSent = _stats.BackfillSent,
            LiveSent = _stats.LiveSent,
            LiveAccepted = _stats.LiveAccepted,
            Elapsed = _time.GetElapsedTime(started, ended),
            BackfillElapsed = _time.GetElapsedTime(started, Interlocked.Read(ref _backfillEndedAt)),
            LiveElapsed = liveStart == 0 ? TimeSpan.Zero : _time.GetElapsedTime(liveStart, Interlocked.Read(ref _liveEndedAt)),
            ErrorsByReason = _stats.ErrorsByReason(),
        };
    }

    /// <summary>Rounds over which live episodes are spread: about <see cref="LiveEpisodeWindow"/> at the target rate.</summary>
    public static int LiveEpisodeRounds(SimulationOptions options)
    {
        var window = LiveEpisodeWindow;
        if (options.Duration is { } d && d > TimeSpan.Zero && d * 0.8 < window) window = d * 0.8;
        var rate = options.EventsPerSecond > 0 ? options.EventsPerSecond : 5_000;
        var eventsPerRound = Math.Max(1, options.Accounts * LiveEventsPerAccountRound);
        return (int)Math.Clamp(window.TotalSeconds * rate / eventsPerRound, 2, 1_000_000);
    }

    /// <summary>Live batches hold about a tenth of a second of the target rate, so low rates still send steadily.</summary>
    public static int LiveBatchSize(SimulationOptions options) =>
        options.EventsPerSecond > 0 ? (int)Math.Clamp(options.EventsPerSecond / 10, 1, options.BatchSize) : options.BatchSize;

    private IEnumerable<SimMessage> BackfillOf(CustomerGenerator generator, int partition, int partitions)
    {
        foreach (var account in generator.Partition(partition, partitions))
        {
            foreach (var m in account.Backfill()) yield return m;
            Interlocked.Increment(ref _accountsBackfilled);
        }
    }

    /// <summary>One connection: fill a batch, wait for the rate, send it, until the source ends or <paramref name="stopNew"/> fires.</summary>
    private async Task PumpAsync(BatchSender sender, IEnumerable<SimMessage> source, bool historical, TokenBucket? bucket, int batchSize,
        CancellationToken stopNew, CancellationToken waitToken, CancellationToken abortToken)
    {
        using var messages = source.GetEnumerator();
        var builder = new BatchBuilder(batchSize);
        SimMessage? carried = null;
        var exhausted = false;
        while (!exhausted && !stopNew.IsCancellationRequested)
        {
            if (bucket is not null)
            {
                try { await bucket.WaitAsync(batchSize, stopNew).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            if (carried is not null)
            {
                builder.TryAdd(carried);
                carried = null;
            }
            while (!builder.IsFull)
            {
                if (!messages.MoveNext())
                {
                    exhausted = true;
                    break;
                }
                if (!builder.TryAdd(messages.Current))
                {
                    carried = messages.Current; // over the byte limit: first message of the next batch
                    break;
                }
            }
            if (builder.Count == 0) break;

            var result = await sender.SendAsync(builder.Take(), historical, waitToken, abortToken).ConfigureAwait(false);
            if (_run?.Judge(result, _stats, sender.BatchUri) != false) return;
        }
    }

}
