using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pulse.Simulation.Replay;

/// <summary>
/// Streams a recording (NDJSON, or gzip-compressed NDJSON when the name ends in <c>.gz</c>) line by line: memory
/// stays flat whatever the file's size. Blank lines are skipped; a bad line stops the read with its line number.
/// </summary>
public sealed class RecordingReader(string path) : IDisposable
{
    private readonly FileStream _file = OpenOrExplain(path);

    public string Path { get; } = path;
    public long Length => _file.Length;
    /// <summary>Bytes of the file consumed so far (compressed bytes for .gz): progress without counting lines first.</summary>
    public long Position => _file.Position;

    public async IAsyncEnumerable<RecordedMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Stream stream = Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(_file, CompressionMode.Decompress, leaveOpen: true) : _file;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var name = System.IO.Path.GetFileName(Path);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(line), number, name);
        }
    }

    private static FileStream OpenOrExplain(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"recording '{path}' does not exist", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    public void Dispose() => _file.Dispose();
}
