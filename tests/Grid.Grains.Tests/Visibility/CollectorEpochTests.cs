using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Visibility;

/// <summary>
/// The collector moves: a new ingest under a newer epoch (the <c>routing</c> lease's fencing token)
/// announces the whole table again through the same shards and entities.
/// </summary>
public sealed class CollectorEpochTests
{
    private static readonly DateTimeOffset Election = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");

    // Belarusian space originated by Beltelecom, AS6697: a /17 with a /24 inside, and a /19 (160 /24s).
    private static readonly Prefix[] Belarus = [Prefix.Parse("37.17.0.0/17"), Prefix.Parse("37.17.5.0/24"), Prefix.Parse("5.100.192.0/19")];

    private static RouteElement Announce(Prefix prefix, DateTimeOffset at) => new(at, Peer, 64496, prefix, RouteAction.Announce, 6697);

    private static RouteElement Withdraw(Prefix prefix, DateTimeOffset at) => new(at, Peer, 64496, prefix, RouteAction.Withdraw, 0);

    private static async Task LoadBelarusAsync(RouteIngest ingest, DateTimeOffset at)
    {
        foreach (var prefix in Belarus)
        {
            await ingest.AddAsync(Announce(prefix, at));
        }

        await ingest.FlushAsync(endOfTable: true);
    }

    private static async Task<(long Country, long As)> BgpAsync(VisibilitySilo silo) =>
        ((await silo.Grains.GetGrain<ICountryGrain>("BY").Status()).Signals[SignalNames.Bgp].Value,
         (await silo.Grains.GetGrain<IAsGrain>("AS6697").Status()).Signals[SignalNames.Bgp].Value);

    [Fact]
    public async Task TheSameRoutesReplayedUnderANewEpochAreCountedOnceNotTwice()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        await LoadBelarusAsync(new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 1), Election);
        Assert.Equal((160, 160), await BgpAsync(silo));

        var collector = new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 2);
        await LoadBelarusAsync(collector, Election.AddMinutes(10));
        Assert.Equal((160, 160), await BgpAsync(silo));
        var history = await silo.Grains.GetGrain<ICountryGrain>("BY").History(Election, Election.AddMinutes(20), TimeSpan.FromMinutes(5));
        Assert.All(history.Signals[SignalNames.Bgp], point => Assert.Equal(160, point.Value));

        // Counted twice, the /19 would still be held once after its one withdrawal.
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal((128, 128), await BgpAsync(silo));
    }

    [Fact]
    public async Task ACollectorThatLostTheLeaseIsIgnoredByShardsAndEntities()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var stale = new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 1);
        await LoadBelarusAsync(stale, Election);
        await LoadBelarusAsync(new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 2), Election.AddMinutes(10));

        // The old collector has not noticed yet: it withdraws the /17 and announces new space.
        await stale.AddAsync(Withdraw(Belarus[0], Election.AddMinutes(20)));
        await stale.AddAsync(Announce(Prefix.Parse("5.100.224.0/19"), Election.AddMinutes(20)));
        await stale.FlushAsync();

        Assert.Equal((160, 160), await BgpAsync(silo));
        var shard = await silo.Grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(ShardMap.IndexOf(Belarus[0]))).Summary();
        Assert.Equal(2, shard.Epoch);
        Assert.Equal(1, shard.Peers);

        // An entity that hears an older count of a shard (a report that was late) keeps the newer one.
        var current = await silo.Grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(ShardMap.IndexOf(Belarus[2]))).VisibilityOf("BY");
        await silo.Grains.GetGrain<ICountryGrain>("BY").ReportVisibility(current with { Epoch = 1, Blocks = 0, Prefixes = 0, At = Election.AddMinutes(21) });
        await silo.Grains.GetGrain<ICountryGrain>("BY").ReportVisibility(current with { Version = current.Version - 1, Blocks = 0, Prefixes = 0, At = Election.AddMinutes(21) });
        Assert.Equal((160, 160), await BgpAsync(silo));
    }
}
