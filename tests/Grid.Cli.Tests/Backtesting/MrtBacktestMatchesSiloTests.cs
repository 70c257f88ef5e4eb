using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Backtesting;

/// <summary>
/// <c>grid backtest --mrt</c> against a real silo replaying the same files with <c>--mrt</c>: the
/// BGP lab's real FRR dumps (BIRD announcing the pretend country's 500 IPv4 and 100 IPv6 prefixes,
/// withdrawing them all, announcing them again two seconds later), judged on one-second steps so
/// the lab's seconds are an outage, must give the same events with the same starts, and the country
/// the same level. An AS's level may differ from run to run of either: its prefixes' shards report
/// the withdrawal and the re-announcement two seconds apart, and a shard that reports the first late
/// lets the AS judge that second on a part of it (noted for the people who steer).
/// </summary>
public sealed class MrtBacktestMatchesSiloTests : IDisposable
{
    /// <summary>Settings for both, in configuration's keys: the lab's scale and seconds.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Grid:Signals:Step"] = "00:00:01",
        ["Grid:Visibility:BatchSize"] = "100",
        ["Grid:Visibility:FullFeedIPv4Prefixes"] = "100",
        ["Grid:Visibility:FullFeedIPv6Prefixes"] = "50",
        ["Grid:Detection:Tick"] = "00:00:01",
        ["Grid:Detection:Signals:bgp:WarmUp"] = "00:00:02",
        ["Grid:Detection:Signals:bgp:MinDuration"] = "00:00:01",
        ["Grid:Detection:Signals:bgp:Recovery"] = "00:00:01",
        ["Grid:Detection:Signals:bgp6:WarmUp"] = "00:00:02",
        ["Grid:Detection:Signals:bgp6:MinDuration"] = "00:00:01",
        ["Grid:Detection:Signals:bgp6:Recovery"] = "00:00:01",
    };

    private static readonly string[] Files =
    [
        Path.Combine(SharedData.BgpLabDirectory, "frr-rib-054300.mrt"),
        Path.Combine(SharedData.BgpLabDirectory, "frr-updates.mrt"),
    ];

    private readonly string _geo = Directory.CreateTempSubdirectory("grid-backtest-geo-").FullName;

    public MrtBacktestMatchesSiloTests() =>
        // The lab's pretend country: 100.64.0.0/10 and 2001:db8::/32, placed in XA.
        File.WriteAllText(Path.Combine(_geo, "lab.csv"), "prefix,country\n100.64.0.0/10,XA\n2001:db8::/32,XA\n");

    public void Dispose() => Directory.Delete(_geo, recursive: true);

    [Fact]
    public async Task TheBacktestGivesTheEventsOfASiloReplayingTheSameFiles()
    {
        var backtest = await GridExecutable.RunAsync(["backtest", "--mrt", .. Files, "--geo", _geo, .. Settings.SelectMany(s => new[] { "--config", $"{s.Key}={s.Value}" }), "--json"]);
        Assert.True(backtest.ExitCode == 0, backtest.StandardError);
        var found = Events(backtest.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement));

        var environment = Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => (string?)s.Value);
        environment["Grid__Geo__Dir"] = _geo;
        environment["Grid__Feeds__RisLive__Enabled"] = "false";
        await using var silo = await SiloProcess.StartAsync(["--mrt", .. Files], environment);
        await Poll.UntilAsync("the silo's replay finished", async () =>
            (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds")).EnumerateArray().Any(f => f.GetProperty("name").GetString() == "mrt" && f.GetProperty("state").GetString() == "finished"), TimeSpan.FromMinutes(1));
        var replayed = new List<(string Location, DateTimeOffset Start, string Level)>();
        var steady = 0;
        await Poll.UntilAsync("the silo's events stopped changing", async () =>
        {
            var now = Events((await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?pageSize=500")).GetProperty("items").EnumerateArray());
            steady = now.SequenceEqual(replayed) && now.Count > 0 ? steady + 1 : 0;
            replayed = now;
            await Task.Delay(TimeSpan.FromSeconds(1));
            return steady >= 3;
        }, TimeSpan.FromMinutes(1));

        var outage = new DateTimeOffset(2026, 11, 22, 5, 43, 38, TimeSpan.Zero);
        Assert.Contains(("country/XA", outage, "critical"), found);
        Assert.Contains(("country/XA", outage, "critical"), replayed);
        Assert.Equal(replayed.Select(e => (e.Location, e.Start)), found.Select(e => (e.Location, e.Start)));
    }

    [Fact]
    public async Task SeriesBesideTheFilesAreJudgedInTheSameGrainsAsAlone()
    {
        // Belarus's answers, every second around the lab's replay, cut for six seconds at 05:43:30.
        var start = new DateTimeOffset(2026, 11, 22, 5, 42, 0, TimeSpan.Zero);
        var series = Path.Combine(_geo, "by.csv");
        await File.WriteAllLinesAsync(series, Enumerable.Range(0, 120)
            .Select(s => $"{start.AddSeconds(s):O},country/BY,answers,{(s is >= 90 and < 96 ? 0 : 100)}")
            .Prepend("time,entity,signal,value"));
        string[] answers = ["--signal", "answers=probes", "--config", "Grid:Detection:Signals:answers:WarmUp=00:00:02", "--config", "Grid:Detection:Signals:answers:MinDuration=00:00:02", "--config", "Grid:Detection:Signals:answers:Recovery=00:00:01"];
        string[] settings = [.. Settings.SelectMany(s => new[] { "--config", $"{s.Key}={s.Value}" }), .. answers];

        var both = await GridExecutable.RunAsync(["backtest", "--mrt", .. Files, "--geo", _geo, "--series", series, .. settings, "--json"]);
        var alone = await GridExecutable.RunAsync(["backtest", "--series", series, .. settings, "--json"]);

        Assert.True(both.ExitCode == 0, both.StandardError);
        Assert.True(alone.ExitCode == 0, alone.StandardError);
        var together = Events(both.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement));
        var byItself = Events(alone.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement));
        var cut = Assert.Single(byItself);
        Assert.Equal(("country/BY", start.AddSeconds(90)), (cut.Location, cut.Start));
        Assert.Contains(together, e => e.Location == "country/BY" && e.Start == cut.Start);
        Assert.Contains(("country/XA", new DateTimeOffset(2026, 11, 22, 5, 43, 38, TimeSpan.Zero), "critical"), together);
    }

    private static List<(string Location, DateTimeOffset Start, string Level)> Events(IEnumerable<JsonElement> events) =>
        [.. events
            .Select(e => (e.GetProperty("location").GetString()!, e.GetProperty("startTime").GetDateTimeOffset(), e.GetProperty("level").GetString()!))
            .Order()];
}
