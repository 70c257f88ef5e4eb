using System.Collections.Frozen;
using System.Net;
using System.Threading.Channels;
using Grid.Bgp.Model;
using Grid.Grains.Visibility;

namespace Grid.Silo.Feeds.Live;

/// <summary>
/// The one loop that owns the <see cref="RouteIngest"/>s of live feeds (one per source: "bgp", or
/// a BMP router). Sessions hand it routes through a bounded channel, so a slow grain layer pushes
/// back through TCP onto the routers instead of filling memory. It flushes as soon as it has caught
/// up with its sessions; only while a burst is on (the previous flush was big) does it wait out
/// <c>FlushInterval</c> first. So a shutdown's withdrawals, which routers send as a run of small
/// UPDATEs, reach the country grains part by part within milliseconds, while a table load still
/// travels in big batches. Its route ingests send under <paramref name="epoch"/>, the fencing token
/// of the <c>routing</c> lease this feed runs under. A peer whose table grows past
/// <paramref name="limit"/> has its routes withdrawn, and the rest it sends dropped until its
/// session ends (a <see cref="LiveRouteCommand.DropPeer"/>): one peer cannot fill the shards.
/// </summary>
internal sealed partial class LiveRouteIngest(IGrainFactory grains, VisibilityOptions options, TimeSpan flushInterval, ILogger logger, long epoch, PrefixLimit? limit = null)
{
    private readonly PrefixLimit _limit = limit ?? PrefixLimit.None;
    private readonly HashSet<(string, IPAddress, uint)> _overLimit = [];

    private readonly Channel<LiveRouteCommand> _commands = Channel.CreateBounded<LiveRouteCommand>(
        new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Dictionary<string, RouteIngest> _ingests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private FrozenDictionary<(string, IPAddress, uint), PeerTableSize> _sizes = FrozenDictionary<(string, IPAddress, uint), PeerTableSize>.Empty;
    /// <summary>A flush of at least this many elements means a burst is on.</summary>
    private const int BurstElements = 4096;

    private DateTimeOffset _lastFlush;
    private long _elements;
    private long _sinceFlush;
    private long _lastFlushSize;

    /// <summary>Route elements taken in since the start.</summary>
    public long Elements => Interlocked.Read(ref _elements);

    /// <summary>When the grains last confirmed everything handed in so far.</summary>
    public DateTimeOffset? LastFlush => _lastFlush == default ? null : _lastFlush;

    public ValueTask SendAsync(LiveRouteCommand command, CancellationToken cancellationToken) => _commands.Writer.WriteAsync(command, cancellationToken);

    public PeerTableSize? TableSize(string source, IPAddress address, uint asn) =>
        _sizes.TryGetValue((source, address, asn), out var size) ? size : null;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var reader = _commands.Reader;
        while (true)
        {
            if (LoadingSources() is { Count: > 0 } loading)
            {
                // RFC 4724 §2 only recommends End-of-RIB outside graceful restart, and FRR and
                // GoBGP send none without it: a table load that has gone quiet is taken as complete.
                if (!await MoreWithinAsync(reader, options.LoadQuiet, stoppingToken))
                {
                    await EndQuietLoadsAsync(loading);
                    continue;
                }
            }
            else if (!await reader.WaitToReadAsync(stoppingToken))
            {
                break;
            }

            while (reader.TryRead(out var command))
            {
                await ApplySafelyAsync(command);
            }
            if (_dirty.Count == 0)
            {
                continue;
            }
            // Caught up. During a burst, wait out the rest of the interval for more before flushing.
            var wait = _lastFlush + flushInterval - DateTimeOffset.UtcNow;
            if (_lastFlushSize >= BurstElements && wait > TimeSpan.Zero && await MoreWithinAsync(reader, wait, stoppingToken))
            {
                continue;
            }
            await FlushAsync(endOfTable: false);
        }
    }

    /// <summary>Sources whose ingest took routes but has not seen its table end.</summary>
    private List<string> LoadingSources() => [.. _ingests.Where(pair => pair.Value.Rebuilding && pair.Value.Elements > 0).Select(pair => pair.Key)];

    private async Task EndQuietLoadsAsync(List<string> sources)
    {
        foreach (var source in sources)
        {
            LogQuietLoadEnded(logger, source, options.LoadQuiet);
            await ApplySafelyAsync(new LiveRouteCommand.EndOfTable(source));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live routes from {Source}: no End-of-RIB, and no route for {Quiet}; the initial table is taken as loaded (Grid:Visibility:LoadQuiet)")]
    private static partial void LogQuietLoadEnded(ILogger logger, string source, TimeSpan quiet);

    private static async Task<bool> MoreWithinAsync(ChannelReader<LiveRouteCommand> reader, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ApplySafelyAsync(LiveRouteCommand command)
    {
        try
        {
            await ApplyAsync(command);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A grain call that failed or timed out must not stop the routes of every session (nor
            // the host): log and go on; the next change of each prefix corrects it.
            LogApplyFailed(logger, command.Source, e.Message);
        }
    }

    private async Task ApplyAsync(LiveRouteCommand command)
    {
        var ingest = IngestFor(command.Source);
        switch (command)
        {
            case LiveRouteCommand.Routes routes:
                IPAddress? lastPeer = null;
                uint lastAsn = 0;
                var taken = 0;
                foreach (var element in routes.Elements)
                {
                    if (_overLimit.Count > 0 && _overLimit.Contains((command.Source, element.PeerAddress, element.PeerAsn)))
                    {
                        continue;
                    }
                    await ingest.AddAsync(element);
                    taken++;
                    if (!ReferenceEquals(element.PeerAddress, lastPeer) || element.PeerAsn != lastAsn)
                    {
                        lastPeer = element.PeerAddress;
                        lastAsn = element.PeerAsn;
                        await EnforceLimitAsync(command.Source, ingest, element.PeerAddress, element.PeerAsn);
                    }
                }
                Interlocked.Add(ref _elements, taken);
                _sinceFlush += taken;
                _dirty.Add(command.Source);
                break;
            case LiveRouteCommand.EndOfTable:
                await ingest.FlushAsync(endOfTable: true);
                _dirty.Remove(command.Source);
                Publish();
                break;
            case LiveRouteCommand.DropPeer drop:
                // The session that went past the limit is over: a new one starts from an empty table.
                _overLimit.Remove((drop.Source, drop.Address, drop.Asn));
                await ingest.DropPeerAsync(drop.Address, drop.Asn, drop.At);
                _dirty.Remove(command.Source);
                Publish();
                break;
            case LiveRouteCommand.SetMode mode:
                ingest.SetMode(mode.Address, mode.Asn, mode.Mode);
                break;
        }
    }

    private async Task FlushAsync(bool endOfTable)
    {
        foreach (var source in _dirty)
        {
            try
            {
                var ingest = IngestFor(source);
                await ingest.FlushAsync(endOfTable);
                // The shards have now counted everything sent: check every peer of the source.
                foreach (var (address, asn, _, _) in ingest.TableSizes().ToList())
                {
                    await EnforceLimitAsync(source, ingest, address, asn);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogApplyFailed(logger, source, e.Message);
            }
        }
        _dirty.Clear();
        _lastFlush = DateTimeOffset.UtcNow;
        _lastFlushSize = _sinceFlush;
        _sinceFlush = 0;
        Publish();
    }

    /// <summary>
    /// Withdraws the peer's routes and drops the rest it sends when its table, as the shards
    /// counted it so far, is past the limit. The count lags the routes in flight by at most one
    /// batch per shard, so a peer can overshoot by that much before it is stopped.
    /// </summary>
    private async ValueTask EnforceLimitAsync(string source, RouteIngest ingest, IPAddress address, uint asn)
    {
        if (_limit.MaxPerFamily == long.MaxValue || ingest.TableSize(address, asn) is not { } size
            || (size.IPv4Prefixes <= _limit.MaxPerFamily && size.IPv6Prefixes <= _limit.MaxPerFamily)
            || !_overLimit.Add((source, address, asn)))
        {
            return;
        }

        var ipv6 = size.IPv6Prefixes > _limit.MaxPerFamily;
        var prefixes = ipv6 ? size.IPv6Prefixes : size.IPv4Prefixes;
        LogOverLimit(logger, source, address.ToString(), asn, prefixes, ipv6 ? "IPv6" : "IPv4", _limit.MaxPerFamily);
        await ingest.DropPeerAsync(address, asn, DateTimeOffset.UtcNow);
        Publish();
        _limit.Reached(new PrefixLimitReached(source, address, asn, ipv6, prefixes, _limit.MaxPerFamily));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live routes from {Source}: peer {Peer} AS{Asn} holds {Prefixes} {Family} prefixes, more than the {Limit} allowed; its routes are withdrawn and the rest it sends is dropped until its session ends")]
    private static partial void LogOverLimit(ILogger logger, string source, string peer, uint asn, long prefixes, string family, long limit);

    private void Publish() => _sizes = _ingests
        .SelectMany(pair => pair.Value.TableSizes().Select(size => (Key: (pair.Key, size.Address, size.Asn), Size: new PeerTableSize(size.IPv4Prefixes, size.IPv6Prefixes))))
        .ToFrozenDictionary(entry => entry.Key, entry => entry.Size);

    private RouteIngest IngestFor(string source)
    {
        if (!_ingests.TryGetValue(source, out var ingest))
        {
            ingest = new RouteIngest(grains, options, source, epoch);
            _ingests.Add(source, ingest);
        }
        return ingest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live routes from {Source}: a grain call failed ({Reason}); continuing")]
    private static partial void LogApplyFailed(ILogger logger, string source, string reason);
}
