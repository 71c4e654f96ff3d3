using Orleans.Runtime;
using Orleans.Streams;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>One log row as the Orleans stream machinery carries it: one account event at one log position.</summary>
[GenerateSerializer, Alias("pulse.LogBatchContainer")]
public sealed class LogBatchContainer(StreamId streamId, HealthEvent @event, LogPosition position) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;
    [Id(1)] public HealthEvent Event { get; } = @event;
    [Id(2)] public LogPosition Position { get; } = position;

    public StreamSequenceToken SequenceToken => Position;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Event is T t ? [Tuple.Create(t, (StreamSequenceToken)Position)] : [];

    public bool ImportRequestContext() => false;
}
