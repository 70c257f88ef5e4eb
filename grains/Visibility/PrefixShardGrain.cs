using System.Runtime.InteropServices;
using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Geography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Visibility;

/// <summary>
/// The routing table of one shard, and the owner of its part of every entity's visible space.
/// Each batch updates who sees which prefix; prefixes that cross the visibility rule change the
/// per-entity spaces (<see cref="ShardEntitySpaces"/>); then every entity whose space here changed
/// gets one call with its absolute count (<see cref="ShardVisibility"/>). Entities only sum what
/// shards report, so an entity that crashes or moves loses nothing: it reads its shards again.
/// The table lives only in memory (feeds rebuild it), so the grain never deactivates for idleness,
/// and it lives on the collector, the silo of the feeds that call it (prefer-local: the hot path
/// stays in one process; after that silo dies the new collector activates the shard afresh).
/// It is immovable: Orleans' activation rebalancer would otherwise move it to even out activation
/// counts, and a moved shard starts with an empty table, so every prefix not announced again
/// after the move would be missing from the counts for good.
/// </summary>
[GrainType("prefix-shard")]
[Orleans.Placement.PreferLocalPlacement]
[Orleans.Placement.Immovable]
public sealed partial class PrefixShardGrain(IOptions<VisibilityOptions> options, IOptions<Evidence.EvidenceOptions> evidence, IGeography geography, VisibilityCourier courier, ILogger<PrefixShardGrain> logger) : Grain, IPrefixShardGrain
{
    private readonly RecentRouteChanges _recent = new(evidence.Value.Enabled ? evidence.Value.RecentChangesPerShard : 0);
    private readonly Dictionary<Prefix, PrefixRoutes> _routes = [];
    private readonly Dictionary<string, int> _peerIndex = new(StringComparer.Ordinal);
    // Peers whose feed is still loading its initial table: while any is, counts are partial and not reported.
    private readonly HashSet<string> _loadingPeers = new(StringComparer.Ordinal);
    private VisibilityRule _rule = new(options.Value.VisibleFraction);
    private ShardEntitySpaces _spaces = null!;
    private long _epoch;
    // Above any version an earlier activation of this shard reported: entities keep the newest per shard.
    private long _version = DateTime.UtcNow.Ticks;
    private long _loadingSince;
    private int _failedReports;
    private bool _fed;
    // The grain key (37.0.0.0/8), read once: every report names it, and reading it from the grain id makes a new string each time.
    private string _key = "";
    private DateTimeOffset _latest;

    private static readonly TimeSpan ReportRetry = TimeSpan.FromSeconds(1);

    private bool Loading => _loadingPeers.Count > 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        _key = this.GetPrimaryKeyString();
        var ipv6 = _key.Contains(':', StringComparison.Ordinal);
        _spaces = new ShardEntitySpaces(ipv6 ? 48 : 24, geography.Current);
        // A feed that never says "loaded" (a crash mid-load, a RIS Live collector without a RIB) must
        // not silence the shard for good: the grace ends the loading state.
        var check = options.Value.LoadGrace / 4 < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Value.LoadGrace / 4;
        this.RegisterGrainTimer(_ => EndLoadingAfterGraceAsync(), check, check);
        // Reports that did not arrive (an entity's silo died under the call) go again within a second.
        this.RegisterGrainTimer(_ => _failedReports > 0 ? ReportAsync() : Task.CompletedTask, ReportRetry, ReportRetry);
        return Task.CompletedTask;
    }

    public async Task<PeerPrefixDelta[]> Apply(RouteBatch batch)
    {
        if (!AdmitEpoch(batch.Epoch))
        {
            return [];
        }

        _fed = true;
        foreach (var section in batch.Peers)
        {
            NoteLoading(section.Peer, section.Rebuilding);
            _latest = section.Timestamp > _latest ? section.Timestamp : _latest;
        }

        FollowGeography();
        if (batch.FullFeed.Version > _rule.Version)
        {
            AdoptFullFeed(batch.FullFeed);
        }

        var deltas = new PeerPrefixDelta[batch.Peers.Length];
        for (var i = 0; i < deltas.Length; i++)
        {
            deltas[i] = ApplySection(batch.Peers[i]);
        }

        await ReportAsync();
        return deltas;
    }

    private PeerPrefixDelta ApplySection(PeerChanges section)
    {
        var peer = IndexOf(section.Peer);
        int ipv4 = 0, ipv6 = 0;
        var live = !section.Rebuilding;
        foreach (var change in section.Changes)
        {
            if (live)
            {
                // A withdrawal names no origin on the wire: keep the one its route had.
                var origin = change.Action == RouteAction.Announce ? change.OriginAsn : _routes.TryGetValue(change.Prefix, out var held) ? held.OriginAsn : 0;
                _recent.Add(section.Timestamp, peer, change.Prefix, change.Action, origin);
            }
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

        return new PeerPrefixDelta(ipv4, ipv6);
    }

    public async Task UseFullFeed(FullFeedSet set, long epoch)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!AdmitEpoch(epoch) || set.Version <= _rule.Version)
        {
            return;
        }

        _latest = _latest == default ? set.Since : _latest;
        AdoptFullFeed(set);
        await ReportAsync();
    }

    public async Task<PeerPrefixDelta> DropPeer(string peer, DateTimeOffset at, long epoch)
    {
        if (!AdmitEpoch(epoch) || !_peerIndex.TryGetValue(peer, out var index))
        {
            return default;
        }

        _latest = at > _latest ? at : _latest;
        _loadingPeers.Remove(peer);
        _recent.AddPeerDown(at, index);
        int ipv4 = 0, ipv6 = 0;
        foreach (var prefix in _routes.Keys.ToList())
        {
            if (Withdraw(prefix, index) != 0)
            {
                _ = prefix.IsIPv4 ? ipv4-- : ipv6--;
            }
        }

        await ReportAsync();
        return new PeerPrefixDelta(ipv4, ipv6);
    }

    public async Task TableLoaded(long epoch, DateTimeOffset at, string[] peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (!AdmitEpoch(epoch))
        {
            return;
        }

        _latest = at > _latest ? at : _latest;
        var wasLoading = Loading;
        // Only this feed's peers: another feed still loading its table (a BGP session beside an MRT
        // replay) keeps the counts held back, or the entities would hear a partial table as an outage.
        _loadingPeers.ExceptWith(peers);
        if (wasLoading && !Loading)
        {
            // Every count was held back while the table loaded: each entity hears its own now.
            _spaces.MarkAllChanged();
        }

        await ReportAsync();
    }

    public Task<ShardVisibility> VisibilityOf(string entity)
    {
        ArgumentException.ThrowIfNullOrEmpty(entity);
        if (!_fed && _routes.Count == 0)
        {
            // Asked by an entity before any feed called: this activation would otherwise stay here,
            // away from the collector whose feeds are the hot path. It has nothing; let it go.
            DeactivateOnIdle();
            return Task.FromResult(ReportOf(null, loaded: false, allOrigins: false));
        }

        var space = EntityKey.TryParse(entity, out var key) ? _spaces.Of(key) : null;
        return Task.FromResult(ReportOf(space, !Loading, allOrigins: true));
    }

    public Task<ShardRouteChange[]> RecentChanges(string entity, DateTimeOffset from, DateTimeOffset to, int max)
    {
        if (!EntityKey.TryParse(entity, out var key))
        {
            return Task.FromResult<ShardRouteChange[]>([]);
        }
        var peers = _peerIndex.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        return Task.FromResult(_recent.Between(from, to, max, (prefix, origin) => _spaces.Touches(key, prefix, origin), index => peers[index]).ToArray());
    }

    public Task<ShardSummary> Summary() =>
        Task.FromResult(new ShardSummary(_key, _routes.Count, _routes.Values.Count(r => r.Visible), _peerIndex.Count, _rule.Version, _epoch, Loading, _spaces.AsCount, _spaces.CountryCount));

    /// <summary>
    /// A call from an older epoch comes from a collector that lost the <c>routing</c> lease: refused.
    /// A newer epoch is a new collector loading the table from scratch: whatever this activation
    /// held is dropped, and every entity it counted for hears its new count when that load ends.
    /// </summary>
    private bool AdmitEpoch(long epoch)
    {
        if (epoch < _epoch)
        {
            return false;
        }

        if (epoch > _epoch)
        {
            _routes.Clear();
            _peerIndex.Clear();
            _rule = new VisibilityRule(options.Value.VisibleFraction);
            _spaces.Clear();
            _epoch = epoch;
        }

        return true;
    }

    private void NoteLoading(string peer, bool loading)
    {
        if (!loading)
        {
            _loadingPeers.Remove(peer);
            return;
        }

        if (_loadingPeers.Count == 0)
        {
            _loadingSince = Environment.TickCount64;
        }

        _loadingPeers.Add(peer);
    }

    private async Task EndLoadingAfterGraceAsync()
    {
        if (Loading && Environment.TickCount64 - _loadingSince >= options.Value.LoadGrace.TotalMilliseconds)
        {
            LogLoadGraceEnded(logger, _key, _loadingPeers.Count, options.Value.LoadGrace);
            _loadingPeers.Clear();
            _spaces.MarkAllChanged();
        }

        if (_fed)
        {
            FollowGeography();
            await ReportAsync();
        }
    }

    /// <summary>A geography refresh: the shard moves its counts to the new split itself, so no withdrawal ever leaves a country it did not enter.</summary>
    private void FollowGeography()
    {
        var current = geography.Current;
        if (!ReferenceEquals(current, _spaces.Geography))
        {
            _spaces.Resplit(current, _routes.Where(r => r.Value.Visible).Select(r => (r.Key, r.Value.OriginAsn)));
        }
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
            // The prefix moved to another origin (or is MOAS): its space moves between AS counts.
            if (routes.Visible)
            {
                _spaces.MoveOrigin(change.Prefix, routes.OriginAsn, change.OriginAsn);
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
        if (visible == routes.Visible)
        {
            return;
        }

        routes.Visible = visible;
        if (visible)
        {
            _spaces.Show(prefix, routes.OriginAsn);
        }
        else
        {
            _spaces.Hide(prefix, routes.OriginAsn);
        }
    }

    private void AdoptFullFeed(FullFeedSet set)
    {
        _rule.Adopt(set, IndexOf);
        // Judged from the enumerated copies, in the table's own order; only a prefix whose
        // visibility changes is looked up again to be updated. Each new full-feed peer re-judges the
        // whole table, and after the first few almost nothing changes.
        List<Prefix>? changed = null;
        foreach (var (prefix, routes) in _routes)
        {
            if (_rule.IsVisible(prefix, in routes.Peers) != routes.Visible)
            {
                (changed ??= []).Add(prefix);
            }
        }

        foreach (var prefix in changed ?? [])
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

    /// <summary>
    /// One report per entity whose count here changed, with its absolute count, carried by the
    /// silo's <see cref="VisibilityCourier"/> together with other shards' reports for that entity. Nothing is sent while
    /// the table loads: the entities keep their last readings, as IODA shows "no data" rather than
    /// an outage while a collector is down, and hear the loaded counts at once when it ends.
    /// A call that fails (the entity's silo died under it) is not the feed's failure: the entity is
    /// marked changed again and the retry timer sends its count anew, newest version, within a second.
    /// Counts are absolute, so a report that arrived although its call failed costs nothing twice.
    /// </summary>
    private async Task ReportAsync()
    {
        if (Loading || !_spaces.HasChanges)
        {
            return;
        }

        _version++;
        var changes = _spaces.TakeChanged();
        var spaces = new List<EntitySpace>(changes.Count);
        spaces.AddRange(changes.Ases.Select(change => change.Space));
        spaces.AddRange(changes.Countries.Select(change => change.Space));
        spaces.AddRange(changes.Regions.Select(change => change.Space));
        var reports = new (EntityKey Entity, ShardVisibility Report)[spaces.Count];
        for (var i = 0; i < reports.Length; i++)
        {
            reports[i] = (spaces[i].Entity, ReportOf(spaces[i], loaded: true, allOrigins: false));
        }

        var calls = new Task[reports.Length];
        courier.ToAll(reports, calls);
        // Failures are handled per call below; the grain's scheduler is kept for what follows.
        await Task.WhenAll(calls).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        var failed = 0;
        Exception? first = null;
        for (var i = 0; i < calls.Length; i++)
        {
            if (calls[i].IsCompletedSuccessfully)
            {
                continue;
            }

            failed++;
            first ??= calls[i].Exception?.GetBaseException();
            // Its origins go again with the retry; a country keeps a set, so repeats cost nothing.
            spaces[i].OriginsReported = 0;
            _spaces.MarkChanged(spaces[i].Entity);
        }

        if (failed > 0 && _failedReports == 0)
        {
            LogReportsFailed(logger, _key, failed, calls.Length, first?.Message ?? "cancelled");
        }

        _failedReports = failed;
        _spaces.ForgetEmpty(changes);
    }

    private ShardVisibility ReportOf(EntitySpace? space, bool loaded, bool allOrigins)
    {
        uint[] origins = [];
        if (space is not null)
        {
            origins = space.OriginsFrom(allOrigins ? 0 : space.OriginsReported);
            space.OriginsReported = space.Origins.Count;
        }

        return new ShardVisibility(_key, _epoch, _version, _latest, space?.Space.Blocks ?? 0, space?.Space.PrefixCount ?? 0, loaded, origins);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {Shard}: {Failed} of {Calls} entity reports did not arrive ({Reason}); sending them again every second until they do")]
    private static partial void LogReportsFailed(ILogger logger, string shard, int failed, int calls, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {Shard}: {Peers} peers still loading after {Grace}; reporting its counts as they are (Grid:Visibility:LoadGrace)")]
    private static partial void LogLoadGraceEnded(ILogger logger, string shard, int peers, TimeSpan grace);
}
