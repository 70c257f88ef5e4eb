using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Probing;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Probing;

/// <summary>
/// Two pretend countries of 64 answering /24s each, behind veth pairs in their own namespaces, and
/// a real silo probing them from a third. A cut link is a shutdown that routing would not show.
/// </summary>
public sealed class ShutdownProbingTests(ITestOutputHelper output)
{
    private static readonly string[] Countries = ["XA", "XB"];

    [NeedsRootFact]
    public async Task CuttingOneCountrysLinkTakesItsProbeSignalToZeroWithinTwoRoundsWhileTheOtherStays()
    {
        await using var lab = await ProbeLab.CreateAsync(Countries);
        using var directory = new TemporaryDirectory();
        var hitlist = lab.WriteHitlist(directory.PathOf("hitlist.txt"));
        await using var silo = await SiloProcess.StartAsync([], ProbingSilo.Settings(hitlist, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)), lab.Prober);

        await ProbingSilo.RoundsUntilAsync(silo, Countries, s => s["XA"].BlocksUp == 64 && s["XB"].BlocksUp == 64, maxRounds: 3);
        // The status counts blocks at most every 2 s (one census serves a flood of reads): poll it.
        var status = await CensusAsync(silo, s => s.GetProperty("blocksUp").GetInt32() == 128);
        Assert.Equal(128, status.GetProperty("targets").GetInt32());
        Assert.Equal(128, status.GetProperty("blocksUp").GetInt32());

        await lab.Countries[0].CutAsync();
        var otherStayed = true;
        var roundsToDark = await ProbingSilo.RoundsUntilAsync(silo, Countries, s =>
        {
            otherStayed &= s["XB"].BlocksUp == 64;
            return s["XA"].BlocksUp == 0;
        }, maxRounds: 2);
        output.WriteLine($"XA dark after {roundsToDark} round(s) of 2 s; XB stayed at 64: {otherStayed}");
        Assert.InRange(roundsToDark, 0, 2);
        Assert.True(otherStayed, "XB's probe signal moved while only XA's link was cut");
        var dark = await ProbingSilo.SignalAsync(silo, "XA");
        Assert.Equal(1.0, dark.Loss);
        Assert.Null(dark.MedianRttMs);
        // Bins close on the clock, maybe mid-round while blocks are still unknown; the round's end settles them down.
        await ProbingSilo.WaitRoundsAsync(silo, 1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.Equal(64, (await CensusAsync(silo, s => s.GetProperty("blocksDown").GetInt32() == 64)).GetProperty("blocksDown").GetInt32());
        // The hitlist's ASes get the same signal as their countries.
        Assert.Equal((0, 64), (await AsBlocksUpAsync(silo, "AS64500"), await AsBlocksUpAsync(silo, "AS64501")));

        await lab.Countries[0].RestoreAsync();
        // Back up takes one or two answers per block, in one round. The cut made the last round
        // longer than the interval (five waves of silence), so the next one starts at once and may
        // still run before the link is back: two rounds are typical, three are allowed.
        var roundsToBack = await ProbingSilo.RoundsUntilAsync(silo, Countries, s => s["XA"].BlocksUp == 64 && s["XB"].BlocksUp == 64, maxRounds: 3);
        output.WriteLine($"XA back to 64 after {roundsToBack} round(s)");
        Assert.InRange(roundsToBack, 0, 3);

        // The history holds the outage: 64, then 0, then 64 again.
        var history = await silo.Http.GetFromJsonAsync<JsonElement>($"/v1/countries/XA/signals?from={DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds()}&step=1");
        var values = history.GetProperty("signals").GetProperty("probes").EnumerateArray().Select(p => p.GetProperty("value").GetInt64()).Where(v => v is 0 or 64).ToList();
        Assert.Equal([64, 0, 64], values.Where((v, i) => i == 0 || v != values[i - 1]));
    }

    /// <summary>The probe status once <paramref name="counted"/> holds, or the last one read after the census's 2 s reuse and a margin.</summary>
    private static async Task<JsonElement> CensusAsync(SiloProcess silo, Func<JsonElement, bool> counted)
    {
        var status = await ProbingSilo.StatusAsync(silo);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!counted(status) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(200);
            status = await ProbingSilo.StatusAsync(silo);
        }

        return status;
    }

    private static async Task<long> AsBlocksUpAsync(SiloProcess silo, string asn) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>($"/v1/asns/{asn}")).GetProperty("signals").GetProperty("probes").GetProperty("value").GetInt64();
}
