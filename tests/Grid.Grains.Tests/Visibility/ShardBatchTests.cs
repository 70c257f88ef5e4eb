using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Visibility;

/// <summary>One batch per shard carries all of a feed's peers (issue 15): each peer keeps its own count and its own order.</summary>
public sealed class ShardBatchTests
{
    private static readonly DateTimeOffset Election = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);

    private static RouteElement Announce(IPAddress peer, Prefix prefix, DateTimeOffset at) => new(at, peer, 64496, prefix, RouteAction.Announce, 6697);

    private static RouteElement Withdraw(IPAddress peer, Prefix prefix, DateTimeOffset at) => new(at, peer, 64496, prefix, RouteAction.Withdraw, 0);

    [Fact]
    public async Task PeersSharingAShardsBatchesKeepTheirOwnTableSizesAndOrder()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var ingest = silo.Ingest("test");
        var peers = Enumerable.Range(1, 5).Select(i => IPAddress.Parse($"192.0.2.{i}")).ToArray();

        // A RIB dump's order: each prefix with every peer that has it, so the peers interleave in
        // one shard (37.0.0.0/8) over several full batches (64 changes in tests). Peer p has every
        // (p+1)th /24; the last peer also announces and at once withdraws a /24 of its own, which
        // must stay gone however the batch splits.
        for (var third = 0; third < 100; third++)
        {
            var prefix = Prefix.Parse($"37.17.{third}.0/24");
            for (var p = 0; p < peers.Length; p++)
            {
                if (third % (p + 1) == 0)
                {
                    await ingest.AddAsync(Announce(peers[p], prefix, Election));
                }
            }

            var passing = Prefix.Parse($"37.18.{third}.0/24");
            await ingest.AddAsync(Announce(peers[4], passing, Election));
            await ingest.AddAsync(Withdraw(peers[4], passing, Election));
        }

        // The first peer withdraws everything again, partly in the batches that announced it.
        for (var third = 0; third < 100; third++)
        {
            await ingest.AddAsync(Withdraw(peers[0], Prefix.Parse($"37.17.{third}.0/24"), Election.AddMinutes(1)));
        }

        await ingest.FlushAsync(endOfTable: true);

        var sizes = ingest.TableSizes().ToDictionary(s => s.Address.ToString(), s => s.IPv4Prefixes, StringComparer.Ordinal);
        Assert.Equal([0L, 50, 34, 25, 20], peers.Select(p => sizes[p.ToString()]));
        var shard = await silo.Grains.GetGrain<IPrefixShardGrain>("37.0.0.0/8").Summary();
        // The /24s divisible by 2, 3, 4 or 5 below 100.
        Assert.Equal(74, shard.Prefixes);
        Assert.Equal(5, shard.Peers);
    }
}
