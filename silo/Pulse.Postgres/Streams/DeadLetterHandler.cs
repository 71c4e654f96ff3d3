using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;
using Pulse.Postgres.Log;

namespace Pulse.Postgres.Streams;

/// <summary>
/// Called by the pulling agent when an account did not take an event within the delivery limit: the row is copied to
/// the dead-letter table (with the reason) and the stream moves on, instead of one bad event blocking its account.
/// </summary>
internal sealed class DeadLetterHandler(NpgsqlDataSource db, LogPartitions partitions, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        RecordAsync(streamIdentity, sequenceToken, "delivery to the account failed for longer than the delivery limit");

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        RecordAsync(streamIdentity, sequenceToken, "the account's subscription failed");

    private async Task RecordAsync(StreamId stream, StreamSequenceToken? token, string reason)
    {
        if (token is not LogPosition position) return;
        logger.LogWarning("Dead-lettering event {Position} of {Stream}: {Reason}", position, stream, reason);
        await using var cmd = db.CreateCommand("""
            INSERT INTO pulse_event_dead_letter (partition, tx, seq, account_id, message_id, payload, reason)
            SELECT partition, tx, seq, account_id, message_id, payload, @reason FROM pulse_event_log
             WHERE partition = @p AND tx = @tx AND seq = @seq
            ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.AddWithValue("reason", reason);
        cmd.Parameters.AddWithValue("p", partitions.Of(stream));
        cmd.Parameters.AddWithValue("tx", position.Tx);
        cmd.Parameters.AddWithValue("seq", position.Seq);
        await cmd.ExecuteNonQueryAsync();
    }
}
