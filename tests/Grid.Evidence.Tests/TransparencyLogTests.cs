using System.Text;
using Grid.Evidence.Log;
using Grid.Evidence.Verification;

namespace Grid.Evidence.Tests;

public sealed class TransparencyLogTests : IDisposable
{
    private readonly SealedEvidence _evidence = new();

    [Fact]
    public async Task EntriesChainFromGenesisAndPageInOrder()
    {
        var entries = await _evidence.Log.ReadAsync(0, 10, CancellationToken.None);
        Assert.Equal([0L, 1L, 2L], entries.Select(entry => entry.Entry.Index));
        Assert.Equal(LogEntry.Genesis, entries[0].Entry.PreviousSha256);
        Assert.Equal(entries[0].Entry.Sha256(), entries[1].Entry.PreviousSha256);
        Assert.Equal(entries[1].Entry.Sha256(), entries[2].Entry.PreviousSha256);
        Assert.Equal([2L], (await _evidence.Log.ReadAsync(2, 10, CancellationToken.None)).Select(entry => entry.Entry.Index));
        Assert.Equal(3, await _evidence.Log.CountAsync(CancellationToken.None));
    }

    [Fact]
    public void AnEntryRemovedFromTheMiddleOfTheLogFails()
    {
        var lines = _evidence.LogLines.ToList();
        lines.RemoveAt(1);
        var report = EvidenceVerifier.Verify(_evidence.Bundles[2], _evidence.Key.PublicKey, lines);
        Assert.Contains(report.Failures, failure => failure.Where.StartsWith("log line 2 (entry #2)", StringComparison.Ordinal) && failure.What.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(report.Failures, failure => failure.What.Contains("chain is broken", StringComparison.Ordinal));
    }

    [Fact]
    public void OneByteChangedInAnyLogEntryFailsNamingItsLine()
    {
        var random = new Random(5);
        var lines = _evidence.LogLines;
        for (var line = 0; line < lines.Length; line++)
        {
            for (var trial = 0; trial < 30; trial++)
            {
                var bytes = Encoding.UTF8.GetBytes(lines[line]);
                int position;
                do
                {
                    position = random.Next(bytes.Length);
                }
                while (bytes[position] is (byte)' ');
                bytes[position] = (byte)(bytes[position] == (byte)'a' ? 'b' : 'a');
                var changed = lines.ToArray();
                changed[line] = Encoding.UTF8.GetString(bytes);
                var report = EvidenceVerifier.Verify(_evidence.Bundles[0], _evidence.Key.PublicKey, changed);
                Assert.False(report.Verified, $"line {line + 1}[{position}] changed, and the log still verified: {lines[line][..position]}>>>{changed[line][position..]}");
                Assert.Contains(report.Failures, failure => failure.Where.StartsWith($"log line {line + 1}", StringComparison.Ordinal) || failure.Where == "log");
            }
        }
    }

    [Fact]
    public async Task TwoWritersOnOneFolderKeepOneChain()
    {
        var second = new FolderTransparencyLog(Path.GetDirectoryName(_evidence.Log.Path)!, _evidence.Key, TimeProvider.System);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _evidence.Log : second).AppendAsync($"E{i}", "country/BY", new string('a', 64), CancellationToken.None))));
        var report = EvidenceVerifier.Verify(_evidence.Bundles[0], _evidence.Key.PublicKey, _evidence.LogLines);
        Assert.True(report.Verified, string.Join("\n", report.Failures));
        Assert.Equal(43, await second.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ALineTornByACrashIsDroppedAndTheChainGoesOn()
    {
        await File.AppendAllTextAsync(_evidence.Log.Path, "{\"format\":\"grid-evidence-log/1\",\"index\":3,\"ti");
        Assert.Equal(3, await _evidence.Log.CountAsync(CancellationToken.None));
        var next = await _evidence.Log.AppendAsync("BY-2", "country/BY", new string('b', 64), CancellationToken.None);
        Assert.Equal(3, next.Entry.Index);
        Assert.True(EvidenceVerifier.Verify(_evidence.Bundles[0], _evidence.Key.PublicKey, _evidence.LogLines).Verified);
    }

    public void Dispose() => _evidence.Dispose();
}
