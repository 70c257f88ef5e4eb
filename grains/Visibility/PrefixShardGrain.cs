using System.Runtime.InteropServices;
using Grid.Bgp.Model;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Visibility;

/// <summary>
/// The routing table of one shard. Each batch updates who sees which prefix; prefixes that cross
/// the visibility rule become <see cref="VisibilityTransition"/>s, which <see cref="VisibilityFanOut"/>
/// turns into one call per affected country and AS. The table lives only in memory (feeds rebuild
/// it), so the grain never deactivates for idleness, and it lives on the collector, the silo of the
/// feeds that call it (prefer-local: the hot path stays in one process; after that silo dies the
/// new collector activates the shard afresh, with a new epoch).
/// </summary>
[GrainType("prefix-shard")]
[Orleans.Placement.PreferLocalPlacement]
public sealed class PrefixShardGrain(IOptions<VisibilityOptions> options, VisibilityFanOut fanOut) : Grain, IPrefixShardGrain
{
    private readonly Dictionary<Prefix, PrefixRoutes> _routes = [];
    private readonly Dictionary<string, int> _peerIndex = new(StringComparer.Ordinal);
    private VisibilityRule _rule = new(options.Value.VisibleFraction);
    private readonly List<VisibilityTransition> _transitions = [];
    private long _epoch;
    private bool _rebuilding;
    // Between Regenerate and its TableLoaded: every delta is marked rebuilding, so no entity ends
    // its hold on a half re-emitted table (a feed batch in between would otherwise end it).
    private bool _regenerating;
    private DateTimeOffset _latest;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }

    public async Task<PeerPrefixDelta> Apply(RouteBatch batch)
    {
        if (!AdmitEpoch(batch.Epoch))
        {
            return default;
        }

        _rebuilding = batch.Rebuilding;
        _latest = batch.Timestamp > _latest ? batch.Timestamp : _latest;
        if (batch.FullFeed.Version > _rule.Version)
        {
            AdoptFullFeed(batch.FullFeed);
        }

        var peer = IndexOf(batch.Peer);
        int ipv4 = 0, ipv6 = 0;
        foreach (var change in batch.Changes)
        {
            var gained = change.Action == RouteAction.Announce ? Announce(change, peer) : Withdraw(change.Prefix, peer);
            if (change.Prefix.IsIPv4)
            {
                ipv4 += gained;
            }
            else
            {
                ipv6 += gained;
            }
        }

        await FlushTransitionsAsync(batch.Timestamp);
        return new PeerPrefixDelta(ipv4, ipv6);
    }

    public async Task UseFullFeed(FullFeedSet set, long epoch)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!AdmitEpoch(epoch) || set.Version <= _rule.Version)
        {
            return;
        }

        AdoptFullFeed(set);
        await FlushTransitionsAsync(set.Since);
    }

    public async Task<PeerPrefixDelta> DropPeer(string peer, DateTimeOffset at, long epoch)
    {
        if (!AdmitEpoch(epoch) || !_peerIndex.TryGetValue(peer, out var index))
        {
            return default;
        }

        int ipv4 = 0, ipv6 = 0;
        foreach (var prefix in _routes.Keys.ToList())
        {
            if (Withdraw(prefix, index) != 0)
            {
                _ = prefix.IsIPv4 ? ipv4-- : ipv6--;
            }
        }

        await FlushTransitionsAsync(at);
        return new PeerPrefixDelta(ipv4, ipv6);
    }

    public async Task TableLoaded(long epoch, DateTimeOffset at)
    {
        if (!AdmitEpoch(epoch))
        {
            return;
        }

        _rebuilding = false;
        if (epoch < _epoch && _regenerating)
        {
            // The feed's own end of table, during a regeneration: the coordinator's signal ends it.
            return;
        }

        _regenerating = false;
        await FlushTransitionsAsync(at);
        await fanOut.SendLoadedAsync(GrainFactory, _routes.Where(r => r.Value.Visible).Select(r => (r.Key, r.Value.OriginAsn)), at, _epoch);
    }

    public async Task<ShardRegeneration> Regenerate(long epoch)
    {
        if (CollectorEpoch.CompareCollector(epoch, _epoch) != 0 || epoch <= _epoch)
        {
            // Another collector's, or a generation this shard has already passed: the coordinator retries above it.
            return new ShardRegeneration(_epoch, _latest, Accepted: false);
        }

        await FlushTransitionsAsync(_latest);
        _epoch = epoch;
        _regenerating = true;
        foreach (var (prefix, routes) in _routes)
        {
            if (routes.Visible)
            {
                _transitions.Add(new VisibilityTransition(prefix, routes.OriginAsn, +1));
            }
        }

        await FlushTransitionsAsync(_latest);
        return new ShardRegeneration(_epoch, _latest, Accepted: true);
    }

    public Task<ShardSummary> Summary() =>
        Task.FromResult(new ShardSummary(this.GetPrimaryKeyString(), _routes.Count, _routes.Values.Count(r => r.Visible), _peerIndex.Count, _rule.Version, _epoch));

    /// <summary>
    /// A call from an older epoch comes from a collector that lost the <c>routing</c> lease: refused.
    /// A newer epoch is a new collector rebuilding from scratch: whatever this activation held is
    /// dropped without transitions, since the entities restart their counts too (<see cref="VisibilityEpoch"/>).
    /// </summary>
    private bool AdmitEpoch(long epoch)
    {
        var collector = CollectorEpoch.CompareCollector(epoch, _epoch);
        if (collector < 0)
        {
            return false;
        }

        // The same collector's feeds send generation 0; the shard keeps its own regeneration.
        if (collector > 0)
        {
            if (_epoch != 0 || _routes.Count > 0)
            {
                _routes.Clear();
                _peerIndex.Clear();
                _transitions.Clear();
                _rule = new VisibilityRule(options.Value.VisibleFraction);
                _regenerating = false;
            }

            _epoch = epoch;
        }

        return true;
    }

    private int Announce(RouteChange change, int peer)
    {
        ref var routes = ref CollectionsMarshal.GetValueRefOrAddDefault(_routes, change.Prefix, out var existed);
        if (!existed)
        {
            routes.OriginAsn = change.OriginAsn;
        }
        else if (routes.OriginAsn != change.OriginAsn && change.OriginAsn != 0)
        {
            // The prefix moved to another origin (or is MOAS): its space moves between AS grains.
            if (routes.Visible)
            {
                _transitions.Add(new VisibilityTransition(change.Prefix, routes.OriginAsn, -1));
                _transitions.Add(new VisibilityTransition(change.Prefix, change.OriginAsn, +1));
            }

            routes.OriginAsn = change.OriginAsn;
        }

        var gained = routes.Peers.Add(peer) ? 1 : 0;
        Evaluate(change.Prefix, ref routes);
        return gained;
    }

    private int Withdraw(Prefix prefix, int peer)
    {
        ref var routes = ref CollectionsMarshal.GetValueRefOrNullRef(_routes, prefix);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref routes) || !routes.Peers.Remove(peer))
        {
            return 0;
        }

        Evaluate(prefix, ref routes);
        if (routes.Peers.IsEmpty)
        {
            _routes.Remove(prefix);
        }

        return -1;
    }

    private void Evaluate(Prefix prefix, ref PrefixRoutes routes)
    {
        var visible = _rule.IsVisible(prefix, in routes.Peers);
        if (visible != routes.Visible)
        {
            routes.Visible = visible;
            _transitions.Add(new VisibilityTransition(prefix, routes.OriginAsn, visible ? +1 : -1));
        }
    }

    private void AdoptFullFeed(FullFeedSet set)
    {
        _rule.Adopt(set, IndexOf);
        foreach (var prefix in _routes.Keys)
        {
            Evaluate(prefix, ref CollectionsMarshal.GetValueRefOrNullRef(_routes, prefix));
        }
    }

    private int IndexOf(string peer)
    {
        if (!_peerIndex.TryGetValue(peer, out var index))
        {
            index = _peerIndex.Count;
            _peerIndex.Add(peer, index);
        }

        return index;
    }

    private async Task FlushTransitionsAsync(DateTimeOffset at)
    {
        if (_transitions.Count == 0)
        {
            return;
        }

        var transitions = _transitions.ToArray();
        _transitions.Clear();
        await fanOut.SendAsync(GrainFactory, transitions, at, _epoch, _rebuilding || _regenerating);
    }
}
