using System.IO.Compression;
using Pulse.Simulation.Generation;
using Pulse.Simulation.Outcomes;

namespace Pulse.Simulation.Recording;

/// <summary>What a recording holds.</summary>
public sealed record RecordSummary(int Accounts, int Days, long Messages, long Bytes, DateTimeOffset From, DateTimeOffset To, IReadOnlyDictionary<OutcomeKind, int> Outcomes);

/// <summary>
/// Writes a synthetic population's history as NDJSON — one Segment message per line, exactly as it would be POSTed,
/// ordered by timestamp — and, optionally, the labels file of hidden outcomes. <c>.gz</c> paths are gzip-compressed.
/// </summary>
public static class StreamRecorder
{
    public static Stream OpenForWrite(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory)) throw new DirectoryNotFoundException($"the directory of '{path}' does not exist");
        Stream file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file;
    }

    /// <summary>Writes the stream (and labels); <paramref name="dayDone"/> is told each finished day with the messages so far.</summary>
    public static async Task<RecordSummary> RecordAsync(GeneratorOptions options, Stream output, Stream? labels,
        Action<int, long>? dayDone = null, CancellationToken cancellationToken = default)
    {
        var generator = new CustomerGenerator(options);
        var history = new TimeOrderedHistory(generator);
        long messages = 0, bytes = 0;
        DateTimeOffset? from = null, to = null;
        var newline = new byte[] { (byte)'\n' };
        // Each day is generated on all cores, sorted, then written; only one day is in memory at a time.
        foreach (var m in history.Messages(day => dayDone?.Invoke(day, Interlocked.Read(ref messages)), cancellationToken))
        {
            await output.WriteAsync(m.Json, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(newline, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref messages);
            bytes += m.Json.Length + 1;
            from ??= m.Timestamp;
            to = m.Timestamp;
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        var outcomes = Enum.GetValues<OutcomeKind>().ToDictionary(k => k, _ => 0);
        if (labels is not null)
        {
            var all = generator.Profiles().Select(p => OutcomeModel.For(options, p));
            await LabelsFile.WriteAsync(all.Select(l => { outcomes[l.Outcome]++; return l; }), labels, cancellationToken).ConfigureAwait(false);
            await labels.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        return new RecordSummary(options.Accounts, history.Days, messages, bytes, from ?? options.Anchor, to ?? options.Anchor, outcomes);
    }
}
