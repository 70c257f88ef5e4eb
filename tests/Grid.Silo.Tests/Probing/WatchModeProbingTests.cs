using System.Net.Http.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Probing;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Probing;

/// <summary>
/// Watch mode in the lab (issue 20, "Done when"): with a watch window open for XA, Grid's prober
/// probes XA's blocks at <c>Grid:Watch:ProbeInterval</c> and XB's, outside any window, at
/// <c>Grid:Probing:Interval</c>. The probes are counted where they arrive, by an nftables counter in
/// each country's namespace, not by the silo's own account.
/// </summary>
public sealed class WatchModeProbingTests(ITestOutputHelper output)
{
    private static readonly string[] Countries = ["XA", "XB"];
    private const int Blocks = 8;
    // Short intervals stand in for 120 s and 600 s: the ratio, 4, is what matters.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Counted = TimeSpan.FromSeconds(12);

    [NeedsRootFact]
    public async Task AWatchedCountryIsProbedAtTheWatchIntervalAndAnotherAtTheNormalOne()
    {
        await using var lab = await ProbeLab.CreateAsync(Countries, Blocks);
        using var directory = new TemporaryDirectory();
        var hitlist = lab.WriteHitlist(directory.PathOf("hitlist.txt"));
        var settings = ProbingSilo.Settings(hitlist, Interval, TimeSpan.FromSeconds(1));
        settings["Grid__Watch__ProbeInterval"] = "00:00:01";
        await using var silo = await SiloProcess.StartAsync([], ApiSilo.Settings(settings), lab.Prober);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var added = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "protest", country = "XA", start = today, title = "lab protest" })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32());
        await ProbingSilo.RoundsUntilAsync(silo, Countries, s => s["XA"].BlocksUp == Blocks && s["XB"].BlocksUp == Blocks, maxRounds: 12);
        // The prober reads the calendar at each round's start, and the silo's output reaches the test a moment later.
        await silo.WaitForOutputAsync(line => line.Contains("watched countries now [XA]", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        foreach (var country in lab.Countries)
        {
            await country.CountEchoRequestsAsync();
        }

        await Task.Delay(Counted);
        var watched = await lab.Countries[0].EchoRequestsAsync();
        var normal = await lab.Countries[1].EchoRequestsAsync();
        output.WriteLine($"in {Counted.TotalSeconds} s: watched XA {watched} probes, unwatched XB {normal} ({Blocks} blocks each)");

        // XB: one probe per block per 4 s bin, so 3 or 4 rounds in 12 s (with a re-probe or two on a loaded machine).
        Assert.InRange(normal, 2 * Blocks, 5 * Blocks);
        // XA: a round a second, 12 in 12 s; at least twice XB's even when a loaded CI machine delays rounds.
        Assert.True(watched >= 2 * normal, $"watched XA got {watched} probes, not twice unwatched XB's {normal}");
        Assert.InRange(watched, 6 * Blocks, 16 * Blocks);
    }
}
