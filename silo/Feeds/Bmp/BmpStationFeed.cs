using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Leases;
using Grid.Silo.Feeds.Bgp;
using Grid.Silo.Feeds.Live;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Bmp;

/// <summary>
/// Grid as a BMP monitoring station (RFC 7854 §3.2: routers open the TCP session to it). Every
/// router's reports go through one <see cref="LiveRouteIngest"/>, each router a source of its own
/// (<c>bmp:192.0.2.1</c>), so a peer seen by two routers counts as two peers, as with collectors.
/// The listener and the router sessions exist only while this silo holds the <c>routing</c> lease.
/// </summary>
internal sealed partial class BmpStationFeed(
    IOptions<BmpFeedOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGrainFactory grains,
    FeedStatusBoard board,
    ILogger<BmpStationFeed> logger) : IExclusiveFeed
{
    public const string Name = "bmp";

    string IExclusiveFeed.Name => Name;

    /// <summary>Router connections by their remote end: live ones, and for each router address the last that ended (its peers show as Down).</summary>
    private readonly ConcurrentDictionary<IPEndPoint, BmpRouterConnection> _routers = new();
    private LiveRouteIngest? _ingest;
    private DateTimeOffset _lastRefusalLogged = DateTimeOffset.MinValue;

    /// <summary>Every peer the connected (and formerly connected) routers reported.</summary>
    public IReadOnlyList<PeerView> Peers()
    {
        var now = DateTimeOffset.UtcNow;
        var fullFeed = (options.Value.FullFeed ?? "auto").Trim().ToLowerInvariant();
        return [.. _routers.Values.SelectMany(router => router.Peers.Select(peer => new PeerView(
            router.Source,
            peer.Address.ToString(),
            peer.Asn,
            Passive: true,
            fullFeed,
            peer.State,
            peer.State == "Up" ? peer.UpAt : null,
            peer.State == "Up" && peer.UpAt is { } up ? Math.Round((now - up).TotalSeconds, 1) : null,
            peer.LastMessageAt,
            peer.LastMessageAt is { } last ? Math.Round((now - last).TotalSeconds, 1) : null,
            _ingest?.TableSize(router.Source, peer.Address, peer.Asn) ?? default,
            peer.Updates,
            peer.Announced,
            peer.Withdrawn,
            MalformedUpdates: 0,
            peer.Ups,
            peer.LastDown,
            Negotiated: null)))];
    }

    public async Task RunAsync(LeaseGrant grant, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        _routers.Clear();
        board.Set(Name, FeedStates.Starting);
        if (!IPEndPoint.TryParse(settings.Listen ?? "", out var listen) || listen.Port == 0)
        {
            Fail($"Grid:Bmp:Listen is \"{settings.Listen}\": write address:port, e.g. 127.0.0.1:11019.");
            return;
        }
        // A station that anyone can reach and that takes any router lets a stranger report fake
        // peers with a country's prefixes while the real routers withdraw them: an outage masked.
        if (settings.Routers.Count == 0 && !IPAddress.IsLoopback(listen.Address))
        {
            Fail($"Grid:Bmp:Listen is {listen}, which other hosts can reach, and Grid:Bmp:Routers is empty, so any host could report routes. Set Grid:Bmp:Routers to your routers' addresses (e.g. Grid__Bmp__Routers__0=192.0.2.1), or listen on a loopback address.");
            return;
        }
        if (settings.MaxConnections < 1 || settings.MaxPeersPerRouter < 1 || settings.MaxPrefixesPerPeer < 1)
        {
            Fail("Grid:Bmp:MaxConnections, MaxPeersPerRouter and MaxPrefixesPerPeer must be at least 1.");
            return;
        }
        if (settings.InitiationTimeout <= TimeSpan.Zero || settings.IdleTimeout < TimeSpan.Zero)
        {
            Fail("Grid:Bmp:InitiationTimeout must be positive and Grid:Bmp:IdleTimeout positive or zero (off), e.g. 00:00:10 and 00:30:00.");
            return;
        }
        var allowed = new HashSet<IPAddress>();
        foreach (var router in settings.Routers)
        {
            if (!IPAddress.TryParse(router, out var address))
            {
                Fail($"Grid:Bmp:Routers has \"{router}\": write router IP addresses.");
                return;
            }
            allowed.Add(Normalize(address));
        }
        FullFeedMode mode;
        try
        {
            mode = FullFeedSetting.Parse(settings.FullFeed, "Grid:Bmp:FullFeed");
        }
        catch (InvalidOperationException e)
        {
            Fail(e.Message);
            return;
        }

        using var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(listen);
            listener.Listen(16);
        }
        catch (SocketException e)
        {
            Fail($"BMP cannot listen on {listen}: {e.Message}. Set Grid:Bmp:Listen to a free address:port.");
            return;
        }

        var limit = new PrefixLimit(settings.MaxPrefixesPerPeer, reached =>
        {
            foreach (var router in _routers.Values.Where(r => r.Source == reached.Source))
            {
                router.PrefixLimitReached(reached);
            }
        });
        var ingest = new LiveRouteIngest(grains, visibility.Value, settings.FlushInterval, logger, grant.FencingToken, limit);
        _ingest = ingest;
        board.Set(Name, FeedStates.Running, $"listening on {listen}");
        LogListening(logger, listen.ToString(), settings.Rib.ToString());
        var running = ingest.RunAsync(stoppingToken);
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stoppingToken);
                var remote = Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address);
                if (allowed.Count > 0 && !allowed.Contains(remote))
                {
                    // Closed before a single octet is read: a stranger costs an accept, nothing more.
                    Refuse(socket, remote, "not in Grid:Bmp:Routers");
                    continue;
                }
                connections.RemoveAll(c => c.IsCompleted);
                if (connections.Count >= settings.MaxConnections)
                {
                    Refuse(socket, remote, $"{connections.Count} router connections are open, the most Grid:Bmp:MaxConnections allows");
                    continue;
                }
                var connection = new BmpRouterConnection(socket, settings, mode, ingest, logger);
                var endpoint = (IPEndPoint)socket.RemoteEndPoint!;
                // A router that reconnects replaces what its ended connections showed.
                foreach (var (key, ended) in _routers.Where(pair => pair.Value.Ended && pair.Value.Router.Equals(remote)))
                {
                    _routers.TryRemove(new KeyValuePair<IPEndPoint, BmpRouterConnection>(key, ended));
                }
                _routers[endpoint] = connection;
                connections.Add(Task.Run(async () =>
                {
                    await connection.RunAsync(stoppingToken);
                    // A connection that reported no peer leaves nothing to show in /v1/peers.
                    if (!connection.Peers.Any())
                    {
                        _routers.TryRemove(new KeyValuePair<IPEndPoint, BmpRouterConnection>(endpoint, connection));
                    }
                }, stoppingToken));
                board.Progress(Name, ingest.Elements, DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Every router session is closed before the lease can pass on: a router reconnects to the new collector.
        await Task.WhenAll(connections).ContinueWith(_ => { }, TaskScheduler.Default);
        await running.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Refuse(Socket socket, IPAddress remote, string why)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Dispose();
        // A host retrying in a loop must not flood the log: one line a minute.
        var now = DateTimeOffset.UtcNow;
        if (now - _lastRefusalLogged >= TimeSpan.FromMinutes(1))
        {
            _lastRefusalLogged = now;
            LogRefused(logger, remote.ToString(), why);
        }
    }

    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void Fail(string reason)
    {
        board.Set(Name, FeedStates.Failed, reason);
        LogFailed(logger, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BMP station listening on {Endpoint}; counting each peer's {Rib}")]
    private static partial void LogListening(ILogger logger, string endpoint, string rib);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BMP refused a connection from {Router}: {Reason} (further refusals within a minute are not logged)")]
    private static partial void LogRefused(ILogger logger, string router, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "BMP station not started: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
