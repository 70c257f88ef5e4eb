using Microsoft.Extensions.Options;

namespace Grid.Grains.Visibility;

/// <summary>In memory like the shards, and beside them on the collector (prefer-local); immovable like them, so the rebalancer never empties it.</summary>
[GrainType("peer-table")]
[Orleans.Placement.PreferLocalPlacement]
[Orleans.Placement.Immovable]
public sealed class PeerTableGrain(IOptions<VisibilityOptions> options) : Grain, IPeerTableGrain
{
    private readonly Dictionary<string, PeerRecord> _peers = new(StringComparer.Ordinal);
    private FullFeedSet _fullFeed = FullFeedSet.Empty;
    private long _epoch;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }

    public Task<FullFeedSet> Report(long epoch, PeerReport[] reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (epoch < _epoch)
        {
            return Task.FromResult(_fullFeed);
        }

        if (epoch > _epoch)
        {
            // A stale full-feed peer would stay in the denominator of the 50% rule and hide prefixes.
            _peers.Clear();
            _epoch = epoch;
        }

        var latest = _fullFeed.Since;
        foreach (var report in reports)
        {
            var before = _peers.GetValueOrDefault(report.Peer);
            _peers[report.Peer] = new PeerRecord(
                report.Peer,
                report.IPv4Prefixes,
                report.IPv6Prefixes,
                report.At,
                report.Mode,
                IsFullFeed(report.Mode, report.IPv4Prefixes, options.Value.FullFeedIPv4Prefixes, report.Settled || before?.FullFeedIPv4 == true),
                IsFullFeed(report.Mode, report.IPv6Prefixes, options.Value.FullFeedIPv6Prefixes, report.Settled || before?.FullFeedIPv6 == true));
            latest = report.At > latest ? report.At : latest;
        }

        string[] ipv4 = [.. _peers.Values.Where(p => p.FullFeedIPv4).Select(p => p.Peer).Order(StringComparer.Ordinal)];
        string[] ipv6 = [.. _peers.Values.Where(p => p.FullFeedIPv6).Select(p => p.Peer).Order(StringComparer.Ordinal)];
        if (!ipv4.SequenceEqual(_fullFeed.IPv4Peers) || !ipv6.SequenceEqual(_fullFeed.IPv6Peers))
        {
            // Versions only grow, across restarts too: a shard must never mistake an old set for new.
            var version = Math.Max(_fullFeed.Version + 1, DateTimeOffset.UtcNow.UtcTicks);
            _fullFeed = new FullFeedSet(version, ipv4, ipv6, latest);
        }

        return Task.FromResult(_fullFeed);
    }

    public Task<FullFeedSet> FullFeed() => Task.FromResult(_fullFeed);

    public Task<PeerRecord[]> Peers() => Task.FromResult(_peers.Values.OrderBy(p => p.Peer, StringComparer.Ordinal).ToArray());

    /// <summary>
    /// IODA counts a peer as full-feed above 400k IPv4 or 10k IPv6 prefixes, per family here. A peer
    /// joins once its table has settled, and leaves as soon as it falls below the threshold.
    /// </summary>
    private static bool IsFullFeed(FullFeedMode mode, long prefixes, int threshold, bool settledOrMember) => mode switch
    {
        FullFeedMode.Always => true,
        FullFeedMode.Never => false,
        _ => prefixes > threshold && settledOrMember,
    };
}
