using System.Text;
using Grid.Evidence.Signing;

namespace Grid.Evidence.Log;

/// <summary>
/// The log of a single silo: JSON Lines in <c>&lt;folder&gt;/log.jsonl</c>. An append holds the
/// file exclusively (flock on Linux), so two processes sharing the folder still append one at a
/// time; it is flushed to disk before it returns. A line cut short by a crash was never
/// acknowledged, and the next append drops it before writing.
/// </summary>
public sealed class FolderTransparencyLog(string folder, EvidenceKey key, TimeProvider clock) : ITransparencyLog
{
    public const string FileName = "log.jsonl";

    private readonly SemaphoreSlim _writer = new(1, 1);

    // The head as this instance last wrote or read it, valid while the file still ends where it did:
    // an append then costs no scan of the whole log (another process's append changes the length).
    private (long Count, string Head, long End)? _head;

    public string Path { get; } = System.IO.Path.Combine(folder, FileName);

    public async Task<SignedLogEntry> AppendAsync(string eventId, string entity, string manifestSha256, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(folder);
            await using var file = await OpenExclusiveAsync(cancellationToken);
            var (count, head, end) = _head is { } cached && cached.End == file.Length ? cached : ReadHead(file);
            var entry = new LogEntry(count, clock.GetUtcNow(), eventId, entity, manifestSha256, head, key.PublicKey.KeyId);
            var signed = SignedLogEntry.Sign(entry, key);
            file.SetLength(end);
            file.Position = end;
            var line = Encoding.UTF8.GetBytes(signed.ToJsonLine() + "\n");
            await file.WriteAsync(line, cancellationToken);
            file.Flush(flushToDisk: true);
            _head = (count + 1, entry.Sha256(), end + line.Length);
            return signed;
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<IReadOnlyList<SignedLogEntry>> ReadAsync(long from, int count, CancellationToken cancellationToken)
    {
        var page = new List<SignedLogEntry>();
        if (File.Exists(Path) && count > 0)
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long index = 0;
            foreach (var (line, _) in CompleteLines(file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (index++ >= from)
                {
                    page.Add(SignedLogEntry.Parse(line));
                    if (page.Count == count)
                    {
                        break;
                    }
                }
            }
        }
        return Task.FromResult<IReadOnlyList<SignedLogEntry>>(page);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return Task.FromResult(0L);
        }
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Task.FromResult(ReadHead(file).Count);
    }

    /// <summary>The entry count, the last complete entry's hash and where the complete lines end.</summary>
    private static (long Count, string Head, long End) ReadHead(FileStream file)
    {
        long count = 0, end = 0;
        var head = LogEntry.Genesis;
        foreach (var (line, lineEnd) in CompleteLines(file))
        {
            head = SignedLogEntry.Parse(line).Entry.Sha256();
            count++;
            end = lineEnd;
        }
        return (count, head, end);
    }

    /// <summary>Every non-empty line that ends in a newline, with the offset just past it; a torn last line is left out.</summary>
    private static IEnumerable<(string Line, long End)> CompleteLines(FileStream file)
    {
        file.Position = 0;
        var line = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long position = 0;
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                position++;
                if (buffer[i] != '\n')
                {
                    line.WriteByte(buffer[i]);
                    continue;
                }
                if (line.Length > 0)
                {
                    yield return (Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), position);
                }
                line.SetLength(0);
            }
        }
    }

    /// <summary>Another process may be appending: wait for its lock, briefly, rather than fail.</summary>
    private async Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }
}
