using Orleans.Streams;

namespace Pulse.Postgres.Log;

/// <summary>
/// A row's place in the event log: (appending transaction id, ordinal in that transaction). Totally ordered across
/// partitions, so an account can remember one position and skip anything at or before it (see 002-event-log.sql).
/// </summary>
[GenerateSerializer, Alias("pulse.LogPosition")]
public sealed class LogPosition : StreamSequenceToken
{
    public static readonly LogPosition Start = new(0, -1);

    [Id(0)] public long Tx { get; private set; }
    [Id(1)] public int Seq { get; private set; }

    public LogPosition(long tx, int seq)
    {
        Tx = tx;
        Seq = seq;
    }

    public override long SequenceNumber { get => Tx; protected set => Tx = value; }
    public override int EventIndex { get => Seq; protected set => Seq = value; }

    public override bool Equals(StreamSequenceToken? other) => other is LogPosition p && p.Tx == Tx && p.Seq == Seq;

    public override bool Equals(object? obj) => obj is LogPosition p && Equals(p);

    public override int GetHashCode() => HashCode.Combine(Tx, Seq);

    public override int CompareTo(StreamSequenceToken? other) => other switch
    {
        null => 1,
        LogPosition p => Tx != p.Tx ? Tx.CompareTo(p.Tx) : Seq.CompareTo(p.Seq),
        _ => throw new ArgumentException($"cannot compare a log position with a {other.GetType().Name}", nameof(other)),
    };

    public override string ToString() => $"{Tx}:{Seq}";
}
