using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Grains.Visibility;
using Grid.Testing.Processes;

namespace Grid.Grains.Tests.Visibility;

/// <summary>
/// While a new collector loads the table, a shard's counts climb from zero; the shards hold them
/// back until the load ends, so no entity reads a half-built table as an outage (as IODA shows "no
/// data" rather than an outage while a collector is down).
/// </summary>
public sealed class TableLoadHoldTests
{
    private static readonly DateTimeOffset Election = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");

    // Beltelecom (AS6697) space: a /17 with a /24 inside (128 /24s, shard 37/8), and a /19 (32 /24s, shard 5/8).
    private static readonly Prefix[] Belarus = [Prefix.Parse("37.17.0.0/17"), Prefix.Parse("37.17.5.0/24"), Prefix.Parse("5.100.192.0/19")];

    private static RouteElement Announce(Prefix prefix, DateTimeOffset at) => new(at, Peer, 64496, prefix, RouteAction.Announce, 6697);

    private static async Task<long> BgpAsync(VisibilitySilo silo) => (await silo.Grains.GetGrain<ICountryGrain>("BY").Status()).Signals[SignalNames.Bgp].Value;

    /// <summary>
    /// A day under collector 1 with all of Belarus (160 /24s); then collector 2 (loading its table)
    /// has announced only the /24 two hours on: its 37/8 shard holds 1 /24 where 128 will be.
    /// </summary>
    private static async Task<RouteIngest> DayThenPartialLoadAsync(VisibilitySilo silo, bool loadsTable)
    {
        var first = new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 1);
        foreach (var prefix in Belarus)
        {
            await first.AddAsync(Announce(prefix, Election.AddDays(-1)));
        }

        await first.FlushAsync(endOfTable: true);
        Assert.Equal(160, await BgpAsync(silo));

        var second = new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 2, loadsTable);
        // Full-feed from its first route, as an operator can declare a peer (the table is not complete yet).
        second.SetMode(Peer, 64496, FullFeedMode.Always);
        await second.AddAsync(Announce(Belarus[1], Election.AddHours(2)));
        await second.FlushAsync();
        return second;
    }

    [Fact]
    public async Task NothingIsReportedWhileTheNewCollectorLoadsAndTheCountEndsWhereItWas()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var collector = await DayThenPartialLoadAsync(silo, loadsTable: true);

        // The 37/8 shard of the new collector has 1 /24 of 128 yet: held, so Belarus still reads 160.
        Assert.Equal(160, await BgpAsync(silo));

        foreach (var prefix in new[] { Belarus[0], Belarus[2] })
        {
            await collector.AddAsync(Announce(prefix, Election.AddHours(2).AddMinutes(1)));
        }

        await collector.FlushAsync(endOfTable: true);
        Assert.Equal(160, await BgpAsync(silo));
        var history = await silo.Grains.GetGrain<ICountryGrain>("BY").History(Election.AddDays(-1), Election.AddHours(3), TimeSpan.FromMinutes(1));
        Assert.All(history.Signals[SignalNames.Bgp], point => Assert.Equal(160, point.Value));
        Assert.Empty(await silo.Grains.GetGrain<ICountryGrain>("BY").Events());
    }

    [Fact]
    public async Task OneFeedsEndOfTableDoesNotEndTheHoldOfAnotherFeedStillLoading()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        // The BGP session of collector 2 has announced only the /24 of the 37/8 shard.
        var session = await DayThenPartialLoadAsync(silo, loadsTable: true);

        // Its MRT replay, another peer, loads a route of the same shard and ends its table first.
        var replay = new RouteIngest(silo.Grains, silo.Options, "mrt", epoch: 2);
        // A partial view (a route collector's customer peer): never in the full-feed set.
        replay.SetMode(IPAddress.Parse("192.0.2.3"), 64497, FullFeedMode.Never);
        await replay.AddAsync(new RouteElement(Election.AddHours(2), IPAddress.Parse("192.0.2.3"), 64497, Prefix.Parse("37.0.0.0/24"), RouteAction.Announce, 64497));
        await replay.FlushAsync(endOfTable: true);

        // The session's peer is still loading there: 160, not the 1 + 32 of its partial table.
        Assert.Equal(160, await BgpAsync(silo));

        foreach (var prefix in new[] { Belarus[0], Belarus[2] })
        {
            await session.AddAsync(Announce(prefix, Election.AddHours(2).AddMinutes(1)));
        }

        await session.FlushAsync(endOfTable: true);
        Assert.Equal(160, await BgpAsync(silo));
        Assert.False((await silo.Grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(ShardMap.IndexOf(Belarus[0]))).Summary()).Loading);
        Assert.Empty(await silo.Grains.GetGrain<ICountryGrain>("BY").Events());
    }

    [Fact]
    public async Task WithoutTheHoldTheSamePartialTableReadsAsAnOutage()
    {
        // The control for the test above: the same routes from a feed that loads no table.
        await using var silo = await VisibilitySilo.StartAsync();
        await DayThenPartialLoadAsync(silo, loadsTable: false);

        Assert.Equal(1 + 32, await BgpAsync(silo));
        var history = await silo.Grains.GetGrain<ICountryGrain>("BY").History(Election.AddDays(-1), Election.AddHours(3), TimeSpan.FromMinutes(1));
        Assert.Contains(history.Signals[SignalNames.Bgp], point => point.Value == 1 + 32);
    }

    [Fact]
    public async Task AFeedThatNeverSaysLoadedIsCountedAfterTheGrace()
    {
        await using var silo = await VisibilitySilo.StartAsync(loadGrace: TimeSpan.FromSeconds(1));
        await DayThenPartialLoadAsync(silo, loadsTable: true);

        await Poll.UntilAsync("the shards ended their hold", async () => await BgpAsync(silo) == 1 + 32, TimeSpan.FromSeconds(30));
        var shard = await silo.Grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(ShardMap.IndexOf(Belarus[0]))).Summary();
        Assert.False(shard.Loading);
    }
}
