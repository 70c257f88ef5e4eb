using Grid.Testing.Data;

namespace Grid.Cli.Tests;

public sealed class MrtStatsCommandTests
{
    private static string Data(string name) => SharedData.DataFile(Path.Combine("mrt", name));

    [Fact]
    public async Task CountsRecordsByTypePeersAndPrefixes()
    {
        var result = await GridExecutable.RunAsync("mrt", "stats", Data("mrtparse.bird_bgp"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n').Select(line => line.TrimEnd()).ToList();
        Assert.Contains("records      29", lines);
        Assert.Contains(lines, line => line.StartsWith("  BGP4MP/MESSAGE_AS4 ", StringComparison.Ordinal) && line.EndsWith(" 16", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  BGP4MP/STATE_CHANGE_AS4 ", StringComparison.Ordinal) && line.EndsWith(" 12", StringComparison.Ordinal));
        Assert.Contains("elements     24 (24 announcements, 0 withdrawals)", lines);
        Assert.Contains("prefixes     3 distinct (3 IPv4, 0 IPv6)", lines);
        Assert.Contains("peers        1", lines);
        Assert.Contains(lines, line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["192.168.0.10", "65000", "24", "24", "0"]);
        Assert.Contains("errors       0", lines);
    }

    [Fact]
    public async Task CountsBothFamiliesOfARib()
    {
        var result = await GridExecutable.RunAsync("mrt", "stats", Path.Combine(SharedData.BgpLabDirectory, "frr-rib-054300.mrt"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("prefixes     600 distinct (500 IPv4, 100 IPv6)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsDecodeErrorsWithTheirOffsets()
    {
        var result = await GridExecutable.RunAsync("mrt", "stats", Data("pyasn.bview.20140112.1600_3samples.bz2"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("errors       3", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("record skipped: offset 55: TABLE_DUMP_V2/RIB_IPV4_UNICAST: a RIB record comes before any PEER_INDEX_TABLE",
            result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("3 record(s) could not be decoded and were skipped", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsWhereACutOffFileEnds()
    {
        var result = await GridExecutable.RunAsync("mrt", "stats", Data("pyasn.rib.20080501.0644_firstMB.bz2"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("records      139291", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("file cut off: offset 9876131: TABLE_DUMP/AFI_IPv4", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFileFailsBeforeAnyOutput()
    {
        var result = await GridExecutable.RunAsync("mrt", "stats", "nowhere.bz2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("nowhere.bz2: no such file", result.StandardError, StringComparison.Ordinal);
    }
}
