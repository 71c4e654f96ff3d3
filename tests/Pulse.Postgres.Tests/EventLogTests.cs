using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Streams;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Events;
using Pulse.Postgres.Log;
using Pulse.Postgres.Streams;

namespace Pulse.Postgres.Tests;

/// <summary>The log and its Orleans receivers against a real PostgreSQL: order, at-least-once, visibility, fencing, retention.</summary>
[Trait("Category", "Integration")] // needs a real PostgreSQL cluster
[Collection(PostgresCollection.Name)]
public sealed class EventLogTests(PostgresServer server) : IAsyncLifetime
{
    private const int Partitions = 4;
    private NpgsqlDataSource _db = null!;
    private ServiceProvider _services = null!;
    private LogPartitions _partitions = null!;
    private EventLogAppender _appender = null!;
    private EventLogReader _reader = null!;
    private LogNotifications _notifications = null!;

    private static readonly PostgresOptions Eager = new()
    {
        Partitions = Partitions, CheckpointLag = TimeSpan.Zero, MaintenanceInterval = TimeSpan.Zero,
        IdleRecheck = TimeSpan.Zero, RetentionGrace = TimeSpan.Zero, ReadBatchSize = 500,
    };

    public async Task InitializeAsync()
    {
        _db = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("log"));
        await new SchemaMigrator(_db).MigrateAsync(Partitions);
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var codec = new EventPayloadCodec(_services.GetRequiredService<Serializer<HealthEvent>>());
        _partitions = new LogPartitions(Partitions, StreamNames.Provider);
        _notifications = new LogNotifications(_db, NullLogger<LogNotifications>.Instance);
        _appender = new EventLogAppender(_db, codec, _partitions, _notifications, TimeProvider.System);
        _reader = new EventLogReader(_db, codec, _partitions);
    }

    public async Task DisposeAsync()
    {
        await _notifications.DisposeAsync();
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static HealthEvent Event(string messageId) =>
        new() { MessageId = messageId, Name = "Session Started", Kind = EventKind.SessionStarted, Timestamp = DateTimeOffset.UtcNow };

    private LogQueueReceiver Receiver(int partition, PartitionLease? lease = null) =>
        new(partition, lease ?? new PartitionLease(_db, partition, "test"), _reader, _notifications, Eager, TimeProvider.System, NullLogger.Instance);

    private static async Task<List<IBatchContainer>> DrainAsync(LogQueueReceiver receiver)
    {
        var all = new List<IBatchContainer>();
        var empty = 0;
        while (empty < 3)
        {
            var batch = await receiver.GetQueueMessagesAsync(300);
            if (batch.Count == 0) empty++;
            else { empty = 0; all.AddRange(batch); }
        }
        return all;
    }

    [Fact]
    public async Task Concurrent_appends_are_read_back_complete_and_in_order_per_account()
    {
        const int producers = 4, accountsEach = 10, appendsEach = 40, eventsPerAppend = 20;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var next = new int[accountsEach];
            for (var a = 0; a < appendsEach; a++)
            {
                var rows = new List<LogAppend>();
                for (var i = 0; i < eventsPerAppend; i++)
                {
                    var account = (a + i) % accountsEach;
                    rows.Add(new LogAppend($"p{p}-a{account}", Event($"p{p}-a{account}-{next[account]++}")));
                }
                await _appender.AppendAsync(rows);
            }
        })));

        var seen = new Dictionary<string, List<int>>();
        for (var partition = 0; partition < Partitions; partition++)
        {
            var receiver = Receiver(partition);
            await receiver.Initialize(TimeSpan.FromSeconds(10));
            foreach (var container in await DrainAsync(receiver))
            {
                var account = container.StreamId.GetKeyAsString();
                Assert.Equal(partition, _partitions.OfAccount(account));
                foreach (var (e, _) in container.GetEvents<HealthEvent>())
                {
                    if (!seen.TryGetValue(account, out var list)) seen[account] = list = [];
                    list.Add(int.Parse(e.MessageId[(e.MessageId.LastIndexOf('-') + 1)..]));
                }
            }
            await receiver.Shutdown(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(producers * accountsEach, seen.Count);
        Assert.Equal(producers * appendsEach * eventsPerAppend, seen.Values.Sum(l => l.Count));
        foreach (var (account, sequence) in seen)
            Assert.True(sequence.SequenceEqual(Enumerable.Range(0, sequence.Count)), $"{account} read out of order or with gaps: {string.Join(',', sequence)}");
    }

    [Fact]
    public async Task A_running_transaction_holds_back_later_commits_so_nothing_is_skipped()
    {
        var account = "slow-writer";
        var partition = _partitions.OfAccount(account);
        await using var slow = await _db.OpenConnectionAsync();
        await using var tx = await slow.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("INSERT INTO pulse_event_log (partition, seq, account_id, message_id, payload) VALUES (@p, 0, @a, 'early', @b)", slow, tx))
        {
            cmd.Parameters.AddWithValue("p", partition);
            cmd.Parameters.AddWithValue("a", account);
            cmd.Parameters.AddWithValue("b", new EventPayloadCodec(_services.GetRequiredService<Serializer<HealthEvent>>()).Encode(Event("early")));
            await cmd.ExecuteNonQueryAsync();
        }
        await _appender.AppendAsync([new LogAppend(account, Event("late"))]);

        var whileRunning = await _reader.ReadPartitionAsync(partition, LogPosition.Start, 100);
        await tx.CommitAsync();
        var afterCommit = await _reader.ReadPartitionAsync(partition, LogPosition.Start, 100);

        Assert.Empty(whileRunning);
        Assert.Equal(["early", "late"], afterCommit.Select(r => r.Event.MessageId));
    }

    [Fact]
    public async Task A_stale_reader_cannot_move_the_checkpoint_and_the_new_owner_redelivers()
    {
        var account = "fenced";
        var partition = _partitions.OfAccount(account);
        await _appender.AppendAsync(Enumerable.Range(0, 50).Select(i => new LogAppend(account, Event($"f-{i}"))).ToList());

        var old = Receiver(partition);
        await old.Initialize(TimeSpan.FromSeconds(10));
        var read = await DrainAsync(old);
        Assert.Equal(50, read.Count);
        await old.MessagesDeliveredAsync(read.Take(20).ToList());
        await old.GetQueueMessagesAsync(100); // maintenance: checkpoint → 20th event
        var checkpoint = await CheckpointAsync(partition);
        Assert.Equal(read[19].SequenceToken, checkpoint);

        var successor = Receiver(partition);
        await successor.Initialize(TimeSpan.FromSeconds(10));
        await old.MessagesDeliveredAsync(read);
        await old.GetQueueMessagesAsync(100); // tries to move the checkpoint to the 50th: fenced

        Assert.True(old.IsFenced);
        Assert.Equal(checkpoint, await CheckpointAsync(partition));
        var redelivered = await DrainAsync(successor);
        Assert.Equal(read.Skip(20).Select(c => c.SequenceToken), redelivered.Select(c => c.SequenceToken));
    }

    [Fact]
    public async Task Retention_deletes_only_rows_at_or_below_the_checkpoint()
    {
        var account = "retained";
        var partition = _partitions.OfAccount(account);
        await _appender.AppendAsync(Enumerable.Range(0, 100).Select(i => new LogAppend(account, Event($"r-{i}"))).ToList());
        var lease = new PartitionLease(_db, partition, "test");
        var receiver = Receiver(partition, lease);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        var read = await DrainAsync(receiver);
        await receiver.MessagesDeliveredAsync(read.Take(60).ToList());
        await receiver.GetQueueMessagesAsync(100);

        var deleted = await lease.TrimAsync(TimeSpan.Zero);

        Assert.Equal(60, deleted);
        var left = await _reader.ReadAccountAsync(account, LogPosition.Start);
        Assert.Equal(Enumerable.Range(60, 40).Select(i => $"r-{i}"), left.Select(r => r.Event.MessageId));
    }

    [Fact]
    public async Task Catch_up_returns_each_account_its_events_after_its_position_even_when_batched()
    {
        await _appender.AppendAsync(Enumerable.Range(0, 30).Select(i => new LogAppend($"cu-{i % 3}", Event($"cu-{i % 3}-{i / 3}"))).ToList());
        await using var catchUp = new LogAccountCatchUp(new CatchUpDatabase(_db), new EventPayloadCodec(_services.GetRequiredService<Serializer<HealthEvent>>()),
            _partitions, NullLogger<LogAccountCatchUp>.Instance);
        var all = await catchUp.ReadAfterAsync("cu-0", null, CancellationToken.None);

        // Three activations at once, one of them already past its fourth event.
        var results = await Task.WhenAll(
            catchUp.ReadAfterAsync("cu-0", all[3].Position, CancellationToken.None),
            catchUp.ReadAfterAsync("cu-1", null, CancellationToken.None),
            catchUp.ReadAfterAsync("cu-2", null, CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"cu-0-{i}"), all.Select(e => e.Event.MessageId));
        Assert.Equal(Enumerable.Range(4, 6).Select(i => $"cu-0-{i}"), results[0].Select(e => e.Event.MessageId));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"cu-1-{i}"), results[1].Select(e => e.Event.MessageId));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"cu-2-{i}"), results[2].Select(e => e.Event.MessageId));
    }

    private async Task<LogPosition> CheckpointAsync(int partition)
    {
        await using var cmd = _db.CreateCommand("SELECT cp_tx, cp_seq FROM pulse_stream_partition WHERE partition = @p");
        cmd.Parameters.AddWithValue("p", partition);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new LogPosition(reader.GetInt64(0), reader.GetInt32(1));
    }
}
