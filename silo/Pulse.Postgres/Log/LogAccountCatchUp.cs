using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Pulse.Health.Grains.Accounts;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>
/// The postgres profile's catch-up: an account re-reads its own retained log rows after its persisted position.
/// After a failover or at first load thousands of accounts activate at once, so requests arriving together share one
/// query (up to <see cref="MaxBatch"/> accounts), a few queries at a time, instead of one query each.
/// </summary>
public sealed partial class LogAccountCatchUp : IAccountCatchUp, IAsyncDisposable
{
    public const int MaxBatch = 500;
    private const int Parallel = 4;
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(5);

    private readonly EventLogReader _reader;
    private readonly ILogger<LogAccountCatchUp> _logger;
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(Parallel);
    private readonly Task _loop;

    private sealed record Request(string AccountId, LogPosition After, TaskCompletionSource<List<LogEntry>> Done);

    public LogAccountCatchUp(CatchUpDatabase db, EventPayloadCodec codec, LogPartitions partitions, ILogger<LogAccountCatchUp> logger)
    {
        _reader = new EventLogReader(db.Source, codec, partitions);
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    public bool Enabled => true;

    public async Task<IReadOnlyList<(HealthEvent Event, StreamSequenceToken Position)>> ReadAfterAsync(string accountId, StreamSequenceToken? position, CancellationToken ct)
    {
        var request = new Request(accountId, position as LogPosition ?? LogPosition.Start, new TaskCompletionSource<List<LogEntry>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_requests.Writer.TryWrite(request)) throw new ObjectDisposedException(nameof(LogAccountCatchUp));
        var rows = await request.Done.Task.WaitAsync(ct);
        return rows.Select(r => (r.Event, (StreamSequenceToken)r.Position)).ToList();
    }

    private async Task LoopAsync()
    {
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<Request>();
            while (batch.Count < MaxBatch && reader.TryRead(out var r)) batch.Add(r);
            if (batch.Count < MaxBatch)
            {
                await Task.Delay(Gather);
                while (batch.Count < MaxBatch && reader.TryRead(out var r)) batch.Add(r);
            }
            await _slots.WaitAsync();
            _ = RunAsync(batch);
        }
    }

    private async Task RunAsync(List<Request> batch)
    {
        try
        {
            var rows = await _reader.ReadAccountsAsync(batch.Select(r => r.AccountId).Distinct().ToList());
            var byAccount = rows.GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var request in batch)
            {
                var mine = byAccount.TryGetValue(request.AccountId, out var list)
                    ? list.Where(r => r.Position.CompareTo(request.After) > 0).ToList()
                    : [];
                request.Done.TrySetResult(mine);
            }
        }
        catch (Exception ex)
        {
            // The activation fails and is retried by the stream; nothing is applied from a failed read.
            LogReadFailed(_logger, ex, batch.Count);
            foreach (var request in batch) request.Done.TrySetException(ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop;
    }

    // Source-generated: after a failover every activating account waits on these reads.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Catch-up read for {Count} accounts failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, int count);
}

/// <summary>The catch-up reads' own connection pool (<see cref="PostgresConnections.ForCatchUp"/>).</summary>
public sealed class CatchUpDatabase(Npgsql.NpgsqlDataSource source) : IAsyncDisposable
{
    public Npgsql.NpgsqlDataSource Source { get; } = source;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
