using System.Threading.Channels;
using Pulse.Ingest.Segment.Recordings;
using Pulse.Simulation.Latency;
using Pulse.Simulation.Sending;

namespace Pulse.Simulation.Replay;

/// <summary>
/// Sends a recording to a Pulse ingest API. One reader streams the file (memory stays flat for a million-account
/// recording), paces it — at a multiple of the recorded timestamps, at a fixed rate, or as fast as accepted — and deals
/// each message to one of <see cref="ReplayOptions.Connections"/> connections by account, so an account's events stay
/// in order. Each connection sends one batch at a time through <see cref="BatchSender"/> (429/503 Retry-After honoured).
/// Bounded queues between reader and connections turn a slow server into visible lag behind the schedule instead of
/// unbounded memory. With a watcher, probe events for probe accounts ride in the same batches and measure the time
/// from sending to the change arriving on the wall.
/// </summary>
public sealed class ReplayRunner
{
    /// <summary>Batches queued per connection before the reader waits.</summary>
    private const int QueueDepth = 2;
    private static readonly TimeSpan MaxIdleStep = TimeSpan.FromMilliseconds(20);

    private readonly HttpClient _http;
    private readonly IAccountWatcher? _watcher;
    private readonly TimeProvider _time;
    private readonly SendStatistics _stats;
    private int _started;
    private long _startedAt, _endedAt, _read, _lagTicks = -1, _maxLagTicks, _probes;
    private volatile bool _done;
    private double _finalFraction;
    private RunCancellation? _run;
    private RecordingReader? _reader;

    public ReplayRunner(HttpClient http, ReplayOptions options, IAccountWatcher? watcher = null, LatencyTracker? tracker = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        Options = options;
        _watcher = watcher;
        _time = time ?? TimeProvider.System;
        Tracker = tracker ?? new LatencyTracker(_time);
        _stats = new SendStatistics(_time);
    }

    public ReplayOptions Options { get; }
    public LatencyTracker Tracker { get; }
    private bool Probing => _watcher is not null && Options.ProbeAccounts > 0;
    private bool Scheduled => Options.Speed is not null || Options.EventsPerSecond is > 0;

    public ReplayProgress Progress
    {
        get
        {
            var started = Interlocked.Read(ref _startedAt);
            var ended = Interlocked.Read(ref _endedAt);
            var reader = _reader;
            var lag = Interlocked.Read(ref _lagTicks);
            double fraction;
            try { fraction = reader is { Length: > 0 } r ? Math.Clamp(r.Position / (double)r.Length, 0, 1) : Volatile.Read(ref _finalFraction); }
            catch (ObjectDisposedException) { fraction = 1; }
            return new ReplayProgress
            {
                Elapsed = started == 0 ? TimeSpan.Zero : _time.GetElapsedTime(started, ended == 0 ? _time.GetTimestamp() : ended),
                FileFraction = fraction,
                Read = Interlocked.Read(ref _read),
                Sent = _stats.Sent,
                Accepted = _stats.Accepted,
                Rejected = _stats.Rejected,
                Failed = _stats.Failed,
                Retries = _stats.Retries,
                EventsPerSecond = _stats.CurrentEventsPerSecond,
                Lag = lag < 0 ? null : Ticks(lag),
                MaxLag = Ticks(Interlocked.Read(ref _maxLagTicks)),
                Latency = Probing ? Tracker.Summary() : null,
                ProbesLost = Tracker.Lost,
                LastError = _stats.LastError,
                Done = _done,
            };
        }
    }

    /// <summary>Human description of the pace: "10× recorded time", "5,000 events/s", "as fast as accepted".</summary>
    public string Pace => Options.Speed is { } s ? $"{s:0.###}× recorded time"
        : Options.EventsPerSecond is > 0 and var r ? $"{r:N0} events/s" : "as fast as accepted";

    public async Task<ReplaySummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var errors = Options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid replay options: " + string.Join("; ", errors));
        if (Interlocked.Exchange(ref _started, 1) == 1) throw new InvalidOperationException("a ReplayRunner runs once; create another for another run");

        var sender = new BatchSender(_http, new SenderSettings
        {
            Target = Options.Target,
            WriteKey = Options.WriteKey,
            MaxAttempts = Options.MaxAttempts,
            RequestTimeout = Options.RequestTimeout,
        }, _stats, _time);
        using var run = new RunCancellation(cancellationToken, Options.DrainTimeout);
        _run = run;

        var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
        var probeAccounts = new List<string>();
        var channels = Enumerable.Range(0, Options.Connections)
            .Select(_ => Channel.CreateBounded<Batch>(new BoundedChannelOptions(QueueDepth) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        Interlocked.Exchange(ref _startedAt, _time.GetTimestamp());
        try
        {
            if (Probing)
            {
                // Watch before the first probe, so no update can be missed.
                for (var i = 1; i <= Options.ProbeAccounts; i++)
                {
                    var id = ProbeMessage.AccountIdOf(runId, i);
                    Tracker.Watching(id, await _watcher!.WatchAsync(id, run.Stop).ConfigureAwait(false));
                    probeAccounts.Add(id);
                }
            }
            var senders = channels.Select(c => Task.Run(() => SendLoopAsync(sender, c.Reader, run.Stop, run.Abort))).ToArray();
            try
            {
                using var reader = new RecordingReader(Options.Path);
                _reader = reader;
                await new Dealer(this, channels, runId, probeAccounts).RunAsync(reader, run.Stop).ConfigureAwait(false);
                // A run stopped by --duration or --limit keeps showing how far into the file it got.
                Volatile.Write(ref _finalFraction, reader.Length > 0 ? Math.Clamp(reader.Position / (double)reader.Length, 0, 1) : 1);
                _done = true;
            }
            catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
            {
            }
            catch (FormatException ex)
            {
                run.Fail(ex.Message);
            }
            finally
            {
                _reader = null;
                foreach (var c in channels) c.Writer.TryComplete();
            }
            await Task.WhenAll(senders).ConfigureAwait(false);

            if (Probing && !run.Stop.IsCancellationRequested)
            {
                // Let the last probes reach the wall.
                var deadline = _time.GetTimestamp() + (long)(Options.LatencyGrace.TotalSeconds * _time.TimestampFrequency);
                while (Tracker.Pending > 0 && _time.GetTimestamp() < deadline)
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
        }
        finally
        {
            Tracker.GiveUpPending();
            Interlocked.Exchange(ref _endedAt, _time.GetTimestamp());
            _run = null;
        }

        var failure = run.Failure;
        return new ReplaySummary
        {
            Outcome = failure is not null ? SimulationOutcome.Failed
                : cancellationToken.IsCancellationRequested ? SimulationOutcome.Cancelled
                : SimulationOutcome.Completed,
            FailureReason = failure,
            Target = Options.Target,
            Path = Options.Path,
            Pace = Pace,
            Historical = Options.Historical,
            Read = Interlocked.Read(ref _read),
            Sent = _stats.Sent,
            Accepted = _stats.Accepted,
            Rejected = _stats.Rejected,
            Failed = _stats.Failed,
            Retries = _stats.Retries,
            Requests = _stats.Requests,
            Probes = Interlocked.Read(ref _probes),
            Elapsed = _time.GetElapsedTime(Interlocked.Read(ref _startedAt), Interlocked.Read(ref _endedAt)),
            MaxLag = Scheduled ? Ticks(Interlocked.Read(ref _maxLagTicks)) : null,
            Latency = Probing ? Tracker.Summary() : null,
            ProbesLost = Tracker.Lost,
            ErrorsByReason = _stats.ErrorsByReason(),
        };
    }

    private async Task SendLoopAsync(BatchSender sender, ChannelReader<Batch> queue, CancellationToken stop, CancellationToken abort)
    {
        await foreach (var batch in queue.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (stop.IsCancellationRequested)
            {
                _stats.AddFailed(batch.Messages.Count, "not delivered: run stopped");
                continue;
            }
            var now = _time.GetTimestamp();
            foreach (var probe in batch.Probes) Tracker.Sent(probe.AccountId, probe.Expected, now);
            var result = await sender.SendAsync(batch.Messages, Options.Historical, stop, abort).ConfigureAwait(false);
            // A run that gives up cancels `stop`: the rest of this queue is then counted as not delivered, above.
            _run?.Judge(result, _stats, sender.BatchUri);
        }
    }

    private TimeSpan Ticks(long timestampTicks) => TimeSpan.FromSeconds(timestampTicks / (double)_time.TimestampFrequency);

    /// <summary>FNV-1a of the routing key: the same account always goes to the same connection.</summary>
    internal static int ConnectionOf(string key, int connections)
    {
        var hash = 2166136261u;
        foreach (var ch in key) hash = (hash ^ ch) * 16777619u;
        return (int)(hash % (uint)connections);
    }

    private sealed record Batch(IReadOnlyList<IWireMessage> Messages, ProbeMessage[] Probes);

    /// <summary>A recorded message on its way to the ingest API: its bytes exactly as recorded.</summary>
    private sealed class RecordedWireMessage(RecordedMessage message) : IWireMessage
    {
        public ReadOnlyMemory<byte> Json => message.Json;
    }

    /// <summary>The reader side: paces the recording, injects probes, fills and hands out per-connection batches.</summary>
    private sealed class Dealer(ReplayRunner runner, Channel<Batch>[] channels, string runId, List<string> probeAccounts)
    {
        private readonly TimeProvider _time = runner._time;
        private readonly ReplayOptions _o = runner.Options;
        private readonly BatchBuilder<IWireMessage>[] _builders = channels.Select(_ => new BatchBuilder<IWireMessage>(runner.Options.BatchSize)).ToArray();
        private readonly List<ProbeMessage>[] _probes = channels.Select(_ => new List<ProbeMessage>()).ToArray();
        private long _lastFlush;
        private long _nextProbe;
        private long _probeNumber;

        public async Task RunAsync(RecordingReader reader, CancellationToken stop)
        {
            var frequency = (double)_time.TimestampFrequency;
            var start = _time.GetTimestamp();
            _lastFlush = _nextProbe = start;
            var flushTicks = (long)(_o.FlushInterval.TotalSeconds * frequency);
            long? stopAt = _o.Duration is { } duration ? start + (long)(duration.TotalSeconds * frequency) : null;
            DateTimeOffset? first = null;
            long index = 0;
            await foreach (var message in reader.ReadAsync(stop).ConfigureAwait(false))
            {
                if (_o.Limit is { } limit && index >= limit) break;
                if (stopAt is { } end && _time.GetTimestamp() >= end) break;
                long? due = null;
                if (_o.Speed is { } speed && message.Timestamp is { } at)
                {
                    first ??= at;
                    due = start + (long)((at - first.Value).TotalSeconds / speed * frequency);
                }
                else if (_o.EventsPerSecond is > 0 and var rate)
                {
                    due = start + (long)(index / rate * frequency);
                }

                var now = _time.GetTimestamp();
                if (due is { } d)
                {
                    while (d > now)
                    {
                        // Idle until the message is due: what is batched goes now, probes keep their beat.
                        await FlushAllAsync(now, stop).ConfigureAwait(false);
                        await ProbeAsync(now, stop).ConfigureAwait(false);
                        var wait = TimeSpan.FromSeconds((d - now) / frequency);
                        await Task.Delay(wait < MaxIdleStep ? wait : MaxIdleStep, _time, stop).ConfigureAwait(false);
                        now = _time.GetTimestamp();
                    }
                    var lag = now - d;
                    Interlocked.Exchange(ref runner._lagTicks, lag);
                    if (lag > Interlocked.Read(ref runner._maxLagTicks)) Interlocked.Exchange(ref runner._maxLagTicks, lag);
                }
                index++;
                Interlocked.Increment(ref runner._read);
                await AddAsync(ConnectionOf(message.RoutingKey, channels.Length), new RecordedWireMessage(message), stop).ConfigureAwait(false);
                now = _time.GetTimestamp();
                if (now - _lastFlush >= flushTicks) await FlushAllAsync(now, stop).ConfigureAwait(false);
                await ProbeAsync(now, stop).ConfigureAwait(false);
            }
            await FlushAllAsync(_time.GetTimestamp(), stop).ConfigureAwait(false);
        }

        private async ValueTask ProbeAsync(long now, CancellationToken stop)
        {
            if (probeAccounts.Count == 0) return;
            var interval = (long)(_time.TimestampFrequency / _o.ProbesPerSecond);
            // A reader held up by a slow server does not make up for missed probes in a burst.
            if (now - _nextProbe > _time.TimestampFrequency) _nextProbe = now;
            while (now >= _nextProbe)
            {
                var account = probeAccounts[(int)(_probeNumber % probeAccounts.Count)];
                var probe = new ProbeMessage(runId, account, ++_probeNumber, runner.Tracker.NextProbe(account), _time.GetUtcNow());
                Interlocked.Increment(ref runner._probes);
                runner.Tracker.ExpireOverdue();
                await AddAsync(ConnectionOf(account, channels.Length), probe, stop).ConfigureAwait(false);
                _nextProbe += interval;
            }
        }

        private async ValueTask AddAsync(int connection, IWireMessage message, CancellationToken stop)
        {
            var builder = _builders[connection];
            if (!builder.TryAdd(message))
            {
                await FlushAsync(connection, stop).ConfigureAwait(false);
                builder.TryAdd(message);
            }
            if (message is ProbeMessage probe) _probes[connection].Add(probe);
            if (builder.IsFull) await FlushAsync(connection, stop).ConfigureAwait(false);
        }

        private async ValueTask FlushAsync(int connection, CancellationToken stop)
        {
            var builder = _builders[connection];
            if (builder.Count == 0) return;
            var batch = new Batch(builder.Take(), _probes[connection].ToArray());
            _probes[connection].Clear();
            await channels[connection].Writer.WriteAsync(batch, stop).ConfigureAwait(false);
        }

        private async ValueTask FlushAllAsync(long now, CancellationToken stop)
        {
            for (var c = 0; c < channels.Length; c++) await FlushAsync(c, stop).ConfigureAwait(false);
            _lastFlush = now;
        }
    }
}
