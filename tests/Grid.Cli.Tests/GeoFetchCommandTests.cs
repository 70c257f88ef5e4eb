using System.Net;
using System.Net.Sockets;
using Grid.Testing.Data;
using Grid.Testing.Processes;

namespace Grid.Cli.Tests;

public sealed class GeoFetchCommandTests
{
    private static readonly string[] Registries = ["afrinic", "apnic", "arin", "lacnic", "ripencc"];

    private static readonly string[] OfficialUrls =
    [
        "https://ftp.afrinic.net/pub/stats/afrinic/delegated-afrinic-extended-latest",
        "https://ftp.apnic.net/stats/apnic/delegated-apnic-extended-latest",
        "https://ftp.arin.net/pub/stats/arin/delegated-arin-extended-latest",
        "https://ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-extended-latest",
        "https://ftp.ripe.net/pub/stats/ripencc/delegated-ripencc-extended-latest",
    ];

    private static readonly string Afrinic = SharedData.PathOf("rir", "delegated-afrinic-extended-latest.IPToCC-2026");
    private static readonly string Apnic = SharedData.PathOf("rir", "delegated-apnic-latest.ExodusVPN-2019");
    private static readonly string Lacnic = SharedData.PathOf("rir", "delegated-lacnic-extended-latest.juerson-20240105");

    [Fact]
    public async Task OfflineEveryRegistryFailsByNameAndTheFolderKeepsItsFiles()
    {
        // These machines have no internet; where one does, this test has nothing to check.
        if (await CanResolveAsync("ftp.ripe.net"))
        {
            return;
        }

        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.PathOf("delegated-ripencc-extended-latest"), "yesterday's copy");

        var result = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path);

        Assert.Equal(1, result.ExitCode);
        foreach (var (registry, url) in Registries.Zip(OfficialUrls))
        {
            Assert.Contains($"{registry}: could not download {url}: ", result.StandardError, StringComparison.Ordinal);
        }

        Assert.Contains($"{folder.Path} keeps its previous files.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Fetched 0 of 5 RIR statistics files", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("yesterday's copy", File.ReadAllText(folder.PathOf("delegated-ripencc-extended-latest")));
        Assert.Equal(["delegated-ripencc-extended-latest"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AMirrorThatRefusesConnectionsFailsEachFileQuickly()
    {
        using var folder = new TemporaryDirectory();
        var closedPort = LoopbackPort.FindFree();

        var result = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path, "--source", $"http://127.0.0.1:{closedPort}/rir");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"ripencc: could not download http://127.0.0.1:{closedPort}/rir/delegated-ripencc-extended-latest: Connection refused", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task FromAMirrorEachFileIsWrittenWholeAndOnlyGoodFilesReplaceOldOnes()
    {
        await using var mirror = await StatisticsMirror.StartAsync();
        mirror.Serve("delegated-afrinic-extended-latest", Afrinic);
        mirror.Serve("delegated-apnic-extended-latest", Apnic);
        mirror.Serve("delegated-lacnic-extended-latest", Lacnic);
        mirror.Serve("delegated-ripencc-extended-latest", Lacnic); // another registry's file under RIPE's name
        mirror.Fail("delegated-arin-extended-latest", HttpStatusCode.ServiceUnavailable);
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.PathOf("delegated-ripencc-extended-latest"), "yesterday's RIPE copy");
        File.WriteAllText(folder.PathOf("delegated-afrinic-extended-latest"), "yesterday's AFRINIC copy");

        var result = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path, "--source", mirror.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(File.ReadAllBytes(Afrinic), File.ReadAllBytes(folder.PathOf("delegated-afrinic-extended-latest")));
        Assert.Equal(File.ReadAllBytes(Apnic), File.ReadAllBytes(folder.PathOf("delegated-apnic-extended-latest")));
        Assert.Equal(File.ReadAllBytes(Lacnic), File.ReadAllBytes(folder.PathOf("delegated-lacnic-extended-latest")));
        Assert.Equal("yesterday's RIPE copy", File.ReadAllText(folder.PathOf("delegated-ripencc-extended-latest")));
        Assert.False(File.Exists(folder.PathOf("delegated-arin-extended-latest")));
        Assert.Contains($"arin: could not download {mirror.Url}delegated-arin-extended-latest: the server answered 503 ServiceUnavailable.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("ripencc: could not download", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("this is not ripencc's statistics file (its first line is '2.3|lacnic|20240104|", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Fetched 3 of 5 RIR statistics files", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal( // and no ".partial" left behind
            ["delegated-afrinic-extended-latest", "delegated-apnic-extended-latest", "delegated-lacnic-extended-latest", "delegated-ripencc-extended-latest"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ATransferThatBreaksOffLeavesThePreviousCopy()
    {
        await using var mirror = await StatisticsMirror.StartAsync();
        mirror.BreakOffHalfWay("delegated-lacnic-extended-latest", Lacnic);
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.PathOf("delegated-lacnic-extended-latest"), "yesterday's LACNIC copy");

        var result = await GridExecutable.RunAsync("geo", "fetch", "--dir", folder.Path, "--source", mirror.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"lacnic: could not download {mirror.Url}delegated-lacnic-extended-latest: ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("yesterday's LACNIC copy", File.ReadAllText(folder.PathOf("delegated-lacnic-extended-latest")));
        Assert.Equal(["delegated-lacnic-extended-latest"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WhenEveryFileArrivesTheFetchSucceedsIntoTheFolderFromTheEnvironment()
    {
        using var served = new TemporaryDirectory();
        await using var mirror = await StatisticsMirror.StartAsync();
        foreach (var registry in Registries)
        {
            var file = served.PathOf(registry);
            File.WriteAllLines(file, [$"2|{registry}|20240101|1|19830101|20240101|+0000", $"{registry}|*|asn|*|1|summary", $"{registry}|BY|asn|6697|1|19960701|allocated|x"]);
            mirror.Serve($"delegated-{registry}-extended-latest", file);
        }

        using var parent = new TemporaryDirectory();
        var folder = Path.Combine(parent.Path, "geo", "rir");

        var result = await GridExecutable.RunAsync(
            new Dictionary<string, string?> { ["GRID_GEO_DIR"] = folder }, "geo", "fetch", "--source", mirror.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        Assert.Contains($"Fetched all 5 RIR statistics files into {folder}.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(Registries.Select(registry => $"delegated-{registry}-extended-latest"), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(Registries.Select(registry => $"delegated-{registry}-extended-latest").Order(), mirror.Requests.Order());
    }

    [Fact]
    public async Task HelpNamesTheFolderVariableAndTheMirrorOption()
    {
        var result = await GridExecutable.RunAsync("geo", "fetch", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("GRID_GEO_DIR", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[default: ./geo]", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--source", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASourceThatIsNotAnHttpUrlIsRejected()
    {
        var result = await GridExecutable.RunAsync("geo", "fetch", "--source", "/srv/rir");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--source must be an http:// or https:// URL", result.StandardError, StringComparison.Ordinal);
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
