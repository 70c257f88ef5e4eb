using Grid.Testing.Data;

namespace Grid.Cli.Tests;

/// <summary>
/// `grid mrt dump -m` prints exactly what `bgpdump -m` prints, octet for octet, for every MRT file
/// of ../shared/data/mrt (RouteViews and RIS archives, tool test files, truncated and odd ones)
/// and the files FRR wrote in the lab. bgpdump's diagnostics go to syslog, so only standard output
/// is compared; grid's go to standard error.
/// </summary>
public sealed class MrtDumpMatchesBgpdumpTests
{
    public static TheoryData<string> MrtFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in SharedData.AllMrtFiles())
        {
            data.Add(Path.GetRelativePath(SharedData.SharedDirectory, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MrtFiles))]
    public async Task DumpPrintsExactlyWhatBgpdumpPrints(string file)
    {
        var path = Path.Combine(SharedData.SharedDirectory, file);
        var reference = await Bgpdump.DumpAsync(path);
        var grid = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", path);

        Assert.Equal(0, reference.ExitCode);
        Assert.True(grid.ExitCode is 0 or 2, $"grid exited with {grid.ExitCode}: {grid.StandardError}");
        AssertSameOctets(reference.StandardOutput, grid.StandardOutput);
    }

    [Fact]
    public void EveryDataAndLabFileIsCompared()
    {
        var files = SharedData.AllMrtFiles();

        Assert.Contains(files, file => file.EndsWith("frr-rib-054300.mrt", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith("frr-updates.mrt", StringComparison.Ordinal));
        Assert.True(files.Count >= 24, $"expected the 22 data files and 2 lab files, found {files.Count} under {SharedData.SharedDirectory}");
    }

    /// <summary>On a mismatch, shows the first differing line of each, not two 30 MB arrays.</summary>
    internal static void AssertSameOctets(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }
        var at = expected.AsSpan().CommonPrefixLength(actual);
        Assert.Fail($"outputs differ at octet {at} ({expected.Length} vs {actual.Length} octets):\n"
            + $"bgpdump: {LineAt(expected, at)}\ngrid:    {LineAt(actual, at)}");
    }

    private static string LineAt(byte[] text, int offset)
    {
        var start = offset == 0 ? 0 : Array.LastIndexOf(text, (byte)'\n', Math.Min(offset, text.Length) - 1) + 1;
        var end = Array.IndexOf(text, (byte)'\n', Math.Min(start, text.Length));
        return System.Text.Encoding.UTF8.GetString(text, start, (end < 0 ? text.Length : end) - start);
    }
}
