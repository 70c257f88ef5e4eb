using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Grains.Tests.Hosting;
using Grid.Testing.Probing;
using Grid.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Probing;

/// <summary>
/// Probe shard grains on real Orleans silos with the real geography: results taken on any silo
/// update one belief per block, and each entity's bin is the sum of its shards' parts.
/// </summary>
public sealed class ProbeShardTests
{
    private static readonly CountryCode Xa = CountryCode.Parse("XA");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Grid:Probing:Interval"] = "00:00:01",
        ["Grid:Probing:StaleBins"] = "1000",
        ["Grid:Signals:Step"] = "00:00:01",
    };

    [Fact]
    public async Task ResultsTakenOnTwoSilosMeetInOneBeliefAndTheCountrysBinCountsThemAll()
    {
        await using var cluster = await GridTestCluster.StartAsync(2, Settings);
        var (a, b) = (GridTestCluster.GrainsOn(cluster.Primary), GridTestCluster.GrainsOn(cluster.Secondary()));
        var tenSlash8 = ProbeShards.KeyOf(Address(10, 0, 0, 1));
        var started = DateTimeOffset.UtcNow;
        // Warm: the first calls' activations and JIT must not push half the results into the next bin.
        await Task.WhenAll(a.GetGrain<IProbeShardGrain>(tenSlash8).Census(), b.GetGrain<IProbeShardGrain>(ProbeShards.KeyOf(Address(198, 51, 100, 1))).Census());
        // All of the results in one bin.
        await BinClock.NextBinAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50));

        // 10.0.0.0/24: one silence through each silo. Two silences call it down (A = 0.8); one alone would leave it unknown.
        await a.GetGrain<IProbeShardGrain>(tenSlash8).Observe([Seen(Address(10, 0, 0, 1), replied: false), Seen(Address(10, 0, 1, 1), replied: true, 10), Seen(Address(10, 0, 2, 1), replied: true, 20)], ProbeSenders.Prober);
        await b.GetGrain<IProbeShardGrain>(tenSlash8).Observe([Seen(Address(10, 0, 0, 2), replied: false)], ProbeSenders.Prober);
        // Two more XA blocks in another shard, through the second silo.
        await b.GetGrain<IProbeShardGrain>(ProbeShards.KeyOf(Address(198, 51, 100, 1))).Observe([Seen(Address(198, 51, 100, 1), replied: true, 30), Seen(Address(198, 51, 101, 1), replied: true, 40)], ProbeSenders.Prober);

        var census = await a.GetGrain<IProbeShardGrain>(tenSlash8).Census();
        Assert.Equal(new ProbeCensus(3, 2, 1, 0), census);

        var country = cluster.Grains.GetGrain<ICountryGrain>("XA");
        SignalHistory? history = null;
        // The parts of a bin arrive one by one, each recorded as the sum so far: the step ends as the sum of both.
        try
        {
            await Poll.UntilAsync("XA's bin holds both shards' parts", async () =>
            {
                history = await country.History(started, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1));
                return history.Signals.TryGetValue(SignalNames.ProbesRtt, out var rtt) && rtt.Length > 0 && rtt[^1].Value == 25_000
                    && history.Signals[SignalNames.Probes][^1].Value == 4;
            }, Wait);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} History: {string.Join("; ", history?.Signals.Select(s => $"{s.Key}: {string.Join(' ', s.Value.Select(p => p.Value))}") ?? [])}", e);
        }

        // 4 up and 1 down over both shards; the median of all four RTTs (25 ms); 2 of 6 probes silent.
        Assert.Equal(4, history!.Signals[SignalNames.Probes][^1].Value);
        Assert.Equal(25_000, history.Signals[SignalNames.ProbesRtt][^1].Value);
        Assert.Equal(333_333, history.Signals[SignalNames.ProbesLoss][^1].Value);
        // Status keeps the RTT and loss of the last bin with probes through the empty bins after it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var probes = (await country.Status()).Signals[SignalNames.Probes];
        Assert.Equal((4L, 25.0), (probes.Value, probes.MedianRttMs!.Value));
        Assert.Equal(2 / 6.0, probes.Loss!.Value, 6);
        Assert.Equal(4, (await cluster.Grains.GetGrain<IAsGrain>("AS64500").Status()).Signals[SignalNames.Probes].Value);
        // Each shard keeps its part of the last bin for an entity that moves and reads it again.
        Assert.Equal((2, 1), await a.GetGrain<IProbeShardGrain>(tenSlash8).LastBinOf("XA") is { } part ? (part.BlocksUp, part.BlocksDown) : default);
    }

    [Fact]
    public async Task AStatusReadBetweenTwoShardsPartsOfABinShowsTheWholeBinBefore()
    {
        await using var cluster = await GridTestCluster.StartAsync(1, Settings);
        var country = cluster.Grains.GetGrain<ICountryGrain>("XA");
        var bin = ProbeBinOptions.BinStart(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1));
        await country.ReportProbes(new ShardProbeBin("10.0.0.0/8", bin, 3, 0, 0, 3, 3, [10, 10, 10]));
        await country.ReportProbes(new ShardProbeBin("198.0.0.0/8", bin, 2, 0, 0, 2, 2, [30, 30]));

        // The next bin's first part only: a poller must not see XA's blocks fall from 5 to 3.
        await country.ReportProbes(new ShardProbeBin("10.0.0.0/8", bin.AddSeconds(1), 3, 0, 0, 3, 3, [10, 10, 10]));
        var between = (await country.Status()).Signals[SignalNames.Probes];
        Assert.Equal((5L, bin, 10.0), (between.Value, between.At!.Value, between.MedianRttMs!.Value));

        await country.ReportProbes(new ShardProbeBin("198.0.0.0/8", bin.AddSeconds(1), 1, 1, 0, 2, 1, [30]));
        var whole = (await country.Status()).Signals[SignalNames.Probes];
        Assert.Equal((4L, bin.AddSeconds(1), 0.2), (whole.Value, whole.At!.Value, Math.Round(whole.Loss!.Value, 6)));
    }

    [Fact]
    public async Task ACountryActivatedAgainKnowsItsProbeShardsAndTheirSum()
    {
        await using var cluster = await GridTestCluster.StartAsync(1, Settings);
        await cluster.Grains.GetGrain<IProbeShardGrain>(ProbeShards.KeyOf(Address(10, 0, 0, 1))).Observe([Seen(Address(10, 0, 0, 1), replied: true, 10)], ProbeSenders.Prober);
        await cluster.Grains.GetGrain<IProbeShardGrain>(ProbeShards.KeyOf(Address(198, 51, 100, 1))).Observe([Seen(Address(198, 51, 100, 1), replied: true, 30)], ProbeSenders.Prober);
        var country = GrainId.Create("country", "XA");
        await Poll.UntilAsync("XA stored both probe shards", async () =>
            (await cluster.StoredAsync<EntityState>(country, "signals")).ProbeShards.Count == 2, Wait);

        await cluster.Cluster.DeactivateAsync(country);

        var stored = await cluster.StoredAsync<EntityState>(country, "signals");
        Assert.Equal(["10.0.0.0/8", "198.0.0.0/8"], stored.ProbeShards.Order(StringComparer.Ordinal));
        // The new activation reads both shards' last parts (LastBinOf) and records their sum.
        Assert.Equal(2, (await cluster.Grains.GetGrain<ICountryGrain>("XA").Status()).Signals[SignalNames.Probes].Value);
    }

    [Fact]
    public async Task AnAddressWithoutACountryIsPlacedByTheShardsGeography()
    {
        await using var cluster = await GridTestCluster.StartAsync(1, Settings);
        // 62.2.16.0/24 is Swiss in RIPE's delegated file.
        await cluster.Grains.GetGrain<IProbeShardGrain>(ProbeShards.KeyOf(Address(62, 2, 16, 12)))
            .Observe([new ProbeObservation(Address(62, 2, 16, 12), default, 0, 0, 2, 2, 84, 2)], ProbeSenders.Prober);

        await Poll.UntilAsync("CH counts the block up", async () =>
            (await cluster.Grains.GetGrain<ICountryGrain>("CH").Status()).Signals[SignalNames.Probes].Value == 1, Wait);
    }

    [Fact]
    public async Task AShardMovedGracefullyKeepsEveryBeliefEvenOfItsOpenBin()
    {
        await using var cluster = await GridTestCluster.StartAsync(1, Settings);
        var key = ProbeShards.KeyOf(Address(10, 0, 0, 1));
        var shard = cluster.Grains.GetGrain<IProbeShardGrain>(key);
        await shard.Observe([Seen(Address(10, 0, 0, 1), replied: false), Seen(Address(10, 0, 0, 1), replied: false), Seen(Address(10, 0, 1, 1), replied: true, 10)], ProbeSenders.Prober);

        await cluster.Cluster.DeactivateAsync(GrainId.Create("probe-shard", key));

        Assert.Equal(new ProbeCensus(2, 1, 1, 0), await shard.Census());
        Assert.Equal(["10.0.0.0/8"], GridTestCluster.ServicesOf(cluster.Primary).GetRequiredService<Grid.Grains.Hosting.SiloActivations>().ActiveKeys("probe-shard"));
    }

    private static ProbeObservation Seen(uint address, bool replied, float rttMs = 0) =>
        new(address, Xa, 64500, 0.8f, 1, replied ? 1 : 0, rttMs, replied ? 1 : 0);

    private static uint Address(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
