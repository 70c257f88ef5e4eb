using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Entities;

namespace Grid.Grains.Tests.Visibility;

/// <summary>Route elements in, country and AS signals out, through real shards and real geography.</summary>
public sealed class VisibilityPipelineTests
{
    private static readonly DateTimeOffset Election = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress PeerA = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress PeerB = IPAddress.Parse("192.0.2.2");

    // Belarusian space (ipverse lists it as BY) originated by Beltelecom, AS6697.
    private static readonly Prefix[] Belarus = [Prefix.Parse("37.17.0.0/17"), Prefix.Parse("37.17.5.0/24"), Prefix.Parse("5.100.192.0/19")];

    private static RouteElement Announce(IPAddress peer, Prefix prefix, DateTimeOffset at) => new(at, peer, 64496, prefix, RouteAction.Announce, 6697);

    private static RouteElement Withdraw(IPAddress peer, Prefix prefix, DateTimeOffset at) => new(at, peer, 64496, prefix, RouteAction.Withdraw, 0);

    private static async Task<long> BgpOf(VisibilitySilo silo, string key, bool country) =>
        (country
            ? await silo.Grains.GetGrain<ICountryGrain>(key).Status()
            : await silo.Grains.GetGrain<IAsGrain>(key).Status()).Signals[SignalNames.Bgp].Value;

    [Fact]
    public async Task VisibleSpaceIsCountedOnceAsAUnionOfSlash24s()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var ingest = silo.Ingest("test");
        foreach (var prefix in Belarus)
        {
            await ingest.AddAsync(Announce(PeerA, prefix, Election));
        }

        await ingest.FlushAsync(endOfTable: true);

        // /17 = 128 /24s (the /24 inside it adds nothing) + /19 = 32.
        Assert.Equal(160, await BgpOf(silo, "BY", country: true));
        Assert.Equal(160, await BgpOf(silo, "AS6697", country: false));
    }

    [Fact]
    public async Task APrefixSeenByHalfTheFullFeedPeersIsNotVisible()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var ingest = silo.Ingest("test");
        foreach (var prefix in Belarus)
        {
            await ingest.AddAsync(Announce(PeerA, prefix, Election));
            await ingest.AddAsync(Announce(PeerB, prefix, Election));
        }

        await ingest.FlushAsync(endOfTable: true);
        Assert.Equal(160, await BgpOf(silo, "BY", country: true));

        await ingest.AddAsync(Withdraw(PeerB, Belarus[0], Election.AddHours(1)));
        await ingest.FlushAsync(endOfTable: true);

        // Both peers stay full-feed; the /17 is now seen by 1 of 2, not more than half. The /24
        // inside it is still seen by both, so it alone remains of the /17: 1 + 32.
        Assert.Equal(33, await BgpOf(silo, "BY", country: true));
        var history = await silo.Grains.GetGrain<ICountryGrain>("BY").History(Election.AddMinutes(-5), Election.AddHours(2), TimeSpan.FromMinutes(30));
        Assert.Equal([160, 160, 33, 33, 33], history.Signals[SignalNames.Bgp].Select(p => p.Value));
    }

    [Fact]
    public async Task PeersBelowTheFullFeedThresholdDoNotCount()
    {
        await using var silo = await VisibilitySilo.StartAsync(fullFeedPrefixes: 2);
        var ingest = silo.Ingest("test");
        await ingest.AddAsync(Announce(PeerA, Belarus[2], Election));
        await ingest.FlushAsync(endOfTable: true);
        Assert.Equal(0, await BgpOf(silo, "BY", country: true));

        await ingest.AddAsync(Announce(PeerA, Belarus[0], Election));
        await ingest.AddAsync(Announce(PeerA, Belarus[1], Election));
        await ingest.FlushAsync(endOfTable: true);

        Assert.Equal(160, await BgpOf(silo, "BY", country: true));
    }

    [Fact]
    public async Task DroppingAPeerWithdrawsAllItsRoutesAtOnce()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var ingest = silo.Ingest("test");
        foreach (var prefix in Belarus)
        {
            await ingest.AddAsync(Announce(PeerA, prefix, Election));
        }

        await ingest.FlushAsync(endOfTable: true);
        await ingest.DropPeerAsync(PeerA, 64496, Election.AddMinutes(10));

        Assert.Equal(0, await BgpOf(silo, "BY", country: true));
        Assert.Equal(0, await BgpOf(silo, "AS6697", country: false));

        // The dark AS still belongs to the country's drill-down.
        var origins = await silo.Grains.GetGrain<ICountryGrain>("BY").OriginAsns();
        Assert.Equal(new uint[] { 6697 }, origins);
    }

    [Fact]
    public async Task AnIPv4RouteShorterThanAShardIsSplitAndStillCountedWhole()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var ingest = silo.Ingest("test");

        await ingest.AddAsync(new RouteElement(Election, PeerA, 64496, Prefix.Parse("100.0.0.0/7"), RouteAction.Announce, 64500));
        await ingest.FlushAsync(endOfTable: true);

        Assert.Equal(2 * 65536, await BgpOf(silo, "AS64500", country: false));
    }
}
