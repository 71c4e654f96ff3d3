using System.Text;
using Pulse.Simulation.Generation;

namespace Pulse.Simulation.Sending;

/// <summary>
/// The <c>POST /v1/batch</c> body: <c>{"batch":[…],"sentAt":"…","historical":…}</c>, and the size limits it must respect.
/// The messages are the generator's exact JSON; only <c>sentAt</c> changes when the same batch is sent again.
/// </summary>
public static class BatchBody
{
    /// <summary>Segment's per-message limit.</summary>
    public const int MaxMessageBytes = 32 * 1024;
    /// <summary>Segment's per-request limit is 500 KB; batches are cut a little below it.</summary>
    public const int MaxRequestBytes = 500 * 1024;
    public const int MaxBatchBytes = 500_000;

    private static readonly byte[] Open = "{\"batch\":["u8.ToArray();

    /// <summary>Bytes a body adds around its messages (and the commas between them), an upper bound.</summary>
    public static int Overhead(int messages) => Open.Length + 80 + Math.Max(0, messages - 1);

    public static byte[] Build(IReadOnlyList<IWireMessage> batch, bool historical, DateTimeOffset sentAt)
    {
        var tail = Encoding.UTF8.GetBytes($"],\"sentAt\":\"{SimMessage.FormatTimestamp(sentAt)}\",\"historical\":{(historical ? "true" : "false")}}}");
        var length = Open.Length + tail.Length + Math.Max(0, batch.Count - 1);
        foreach (var m in batch) length += m.Json.Length;
        var body = new byte[length];
        var span = body.AsSpan();
        Open.CopyTo(span);
        var at = Open.Length;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0) span[at++] = (byte)',';
            batch[i].Json.Span.CopyTo(span[at..]);
            at += batch[i].Json.Length;
        }
        tail.CopyTo(span[at..]);
        return body;
    }
}

/// <summary>Collects messages into a batch of at most <see cref="MaxMessages"/> messages and <see cref="BatchBody.MaxBatchBytes"/> bytes.</summary>
public class BatchBuilder<T>(int maxMessages) where T : IWireMessage
{
    private readonly List<T> _messages = [];
    private int _bytes;

    public int MaxMessages { get; } = maxMessages > 0 ? maxMessages : throw new ArgumentOutOfRangeException(nameof(maxMessages));
    public int Count => _messages.Count;
    public bool IsFull => _messages.Count >= MaxMessages;

    /// <summary>Adds the message unless it would push the batch over a limit (a message always fits an empty batch).</summary>
    public bool TryAdd(T message)
    {
        if (IsFull) return false;
        var bytes = _bytes + message.Json.Length;
        if (_messages.Count > 0 && bytes + BatchBody.Overhead(_messages.Count + 1) > BatchBody.MaxBatchBytes) return false;
        _messages.Add(message);
        _bytes = bytes;
        return true;
    }

    public IReadOnlyList<T> Take()
    {
        var batch = _messages.ToArray();
        _messages.Clear();
        _bytes = 0;
        return batch;
    }
}

/// <summary>The batch builder for generated messages.</summary>
public sealed class BatchBuilder(int maxMessages) : BatchBuilder<SimMessage>(maxMessages)
{
    /// <summary>Cuts a message sequence into batches (for tests and offline tools).</summary>
    public static IEnumerable<IReadOnlyList<SimMessage>> Split(IEnumerable<SimMessage> messages, int maxMessages)
    {
        var builder = new BatchBuilder(maxMessages);
        foreach (var m in messages)
        {
            if (builder.TryAdd(m)) continue;
            yield return builder.Take();
            builder.TryAdd(m);
        }
        if (builder.Count > 0) yield return builder.Take();
    }
}
