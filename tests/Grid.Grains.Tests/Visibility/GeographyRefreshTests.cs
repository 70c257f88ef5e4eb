using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Grains.Tests.Hosting;
using Grid.Grains.Visibility;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Visibility;

/// <summary>
/// The daily RIR files move a prefix to another country between its announcement and its
/// withdrawal. The shard counted it with the old split and re-splits when the geography changes,
/// so the withdrawal leaves the country that holds it then, and both countries end at their true counts.
/// </summary>
public sealed class GeographyRefreshTests
{
    private static readonly DateTimeOffset Election = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");

    // Beltelecom space registered in Belarus: a /17 (128 /24s) and a /19 (32 /24s) that the refresh moves to Lithuania.
    private static readonly Prefix Stays = Prefix.Parse("37.17.0.0/17");
    private static readonly Prefix Moves = Prefix.Parse("5.100.192.0/19");

    private static RouteElement Announce(Prefix prefix, DateTimeOffset at) => new(at, Peer, 64496, prefix, RouteAction.Announce, 6697);

    private static RouteElement Withdraw(Prefix prefix, DateTimeOffset at) => new(at, Peer, 64496, prefix, RouteAction.Withdraw, 0);

    private static async Task<long> BgpAsync(VisibilitySilo silo, string country) =>
        (await silo.Grains.GetGrain<ICountryGrain>(country).Status()).Signals[SignalNames.Bgp].Value;

    [Fact]
    public async Task AWithdrawalAfterARefreshLeavesTheCountryThePrefixMovedTo()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var ingest = silo.Ingest("bgp");
        await ingest.AddAsync(Announce(Stays, Election));
        await ingest.AddAsync(Announce(Moves, Election));
        await ingest.FlushAsync(endOfTable: true);
        var lithuania = await BgpAsync(silo, "LT");
        Assert.Equal(160, await BgpAsync(silo, "BY"));

        // The refresh lands on the collector (the shards' silo); the 5/8 shard's next batch (a more
        // specific inside the /19, which changes no count) sees it.
        var geography = GridTestCluster.ServicesOf(silo.Cluster.Primary).GetRequiredService<ReloadableGeography>();
        geography.Replace(new MovedSpace(geography.Current, Moves, CountryCode.Parse("LT")));
        await ingest.AddAsync(Announce(Prefix.Parse("5.100.200.0/24"), Election.AddHours(1)));
        await ingest.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo, "BY"));
        Assert.Equal(lithuania + 32, await BgpAsync(silo, "LT"));

        await ingest.AddAsync(Withdraw(Moves, Election.AddHours(2)));
        await ingest.AddAsync(Withdraw(Prefix.Parse("5.100.200.0/24"), Election.AddHours(2)));
        await ingest.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo, "BY"));
        Assert.Equal(lithuania, await BgpAsync(silo, "LT"));
    }

    /// <summary>The real geography, except that <paramref name="moved"/> is registered in <paramref name="to"/>: what a day's RIR files can do.</summary>
    private sealed class MovedSpace(IGeography inner, Prefix moved, CountryCode to) : IGeography
    {
        public IReadOnlyCollection<CountryCode> Countries => inner.Countries;

        public void Split(Prefix prefix, List<CountryBlock> pieces)
        {
            if (moved.Contains(prefix))
            {
                pieces.Add(new CountryBlock(prefix, to));
                return;
            }

            inner.Split(prefix, pieces);
        }

        public CountryCode CountryOfAsn(uint asn) => inner.CountryOfAsn(asn);

        public IReadOnlyList<uint> AsnsOf(CountryCode country) => inner.AsnsOf(country);

        public string? AsName(uint asn) => inner.AsName(asn);

        public string? CountryName(CountryCode country) => inner.CountryName(country);
    }
}
