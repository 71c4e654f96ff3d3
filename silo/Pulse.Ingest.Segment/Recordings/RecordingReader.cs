using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pulse.Ingest.Segment.Recordings;

/// <summary>
/// Reads a recording — NDJSON, one Segment message per line, gzip-compressed when the file name ends in <c>.gz</c> —
/// line by line, so memory stays flat whatever the size. Blank lines are skipped; a bad line stops the read with its
/// line number (or, with ingest's validation and a handler, is reported and skipped). Replay and the backtest both read
/// recordings through this one reader: replay with <see cref="ReadAsync"/>, the backtest with <see cref="Read"/>.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private readonly FileStream? _file;
    private readonly TextReader _text;

    /// <summary>Reads the file at <paramref name="path"/> (decompressing a <c>.gz</c>); disposing closes it.</summary>
    public RecordingReader(string path)
    {
        _file = OpenFile(path);
        _text = TextOf(_file, path);
        Name = System.IO.Path.GetFileName(path);
    }

    /// <summary>Reads text someone else opened (standard input, a string); disposing leaves it open.</summary>
    public RecordingReader(TextReader text, string name)
    {
        _text = text;
        Name = name;
    }

    /// <summary>How errors name the recording: the file name, or the name given.</summary>
    public string Name { get; }
    /// <summary>The file's size (0 when reading text).</summary>
    public long Length => _file?.Length ?? 0;
    /// <summary>Bytes of the file consumed so far (compressed bytes for .gz): progress without counting lines first.</summary>
    public long Position => _file?.Position ?? 0;

    /// <summary>Replay's pass: each line's bytes, account and timestamp; the message itself is left to the server.</summary>
    public async IAsyncEnumerable<RecordedMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long number = 0;
        while (await _text.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(line), number, Name);
        }
    }

    /// <summary>
    /// The backtest's pass: every line through ingest's own parser with <paramref name="limits"/>. A line ingest would
    /// reject throws <see cref="RecordingFormatException"/>, unless <paramref name="onInvalid"/> is given: then it is told
    /// and the line is skipped.
    /// </summary>
    public IEnumerable<RecordedMessage> Read(SegmentLimits limits, Action<RecordingFormatException>? onInvalid = null)
    {
        long number = 0;
        while (_text.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            RecordedMessage message;
            try
            {
                message = RecordedMessageParser.Parse(Encoding.UTF8.GetBytes(line), number, Name, limits);
            }
            catch (RecordingFormatException error) when (onInvalid is not null)
            {
                onInvalid(error);
                continue;
            }
            yield return message;
        }
    }

    /// <summary>A recording file as text, decompressed when its name ends in <c>.gz</c> (for readers that take a <see cref="TextReader"/>).</summary>
    public static TextReader OpenText(string path) => TextOf(OpenFile(path), path, leaveOpen: false);

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"recording '{path}' does not exist", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    private static StreamReader TextOf(FileStream file, string path, bool leaveOpen = true)
    {
        Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen) : file;
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen);
    }

    public void Dispose()
    {
        if (_file is null) return; // text someone else opened stays open
        _text.Dispose();
        _file.Dispose();
    }
}
