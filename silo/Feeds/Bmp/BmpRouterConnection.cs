using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Bmp;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Model;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Live;

namespace Grid.Silo.Feeds.Bmp;

/// <summary>
/// One router's BMP connection: its Route Monitoring becomes route elements of the configured
/// table, a Peer Down withdraws that peer's routes (RFC 7854 §4.9), and when the connection ends,
/// every peer it reported is withdrawn too: without the router's reports their tables cannot be
/// trusted, and a stale table would hide a shutdown.
/// </summary>
internal sealed partial class BmpRouterConnection(Socket socket, BmpFeedOptions options, FullFeedMode mode, LiveRouteIngest ingest, ILogger logger)
{
    private readonly ConcurrentDictionary<(IPAddress, uint), MonitoredPeer> _peers = new();
    private long _malformed;
    private int _peerCapLogged;

    public IPAddress Router { get; } = BmpStationFeed.Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address);

    /// <summary>The ingest source, and the first part of its peers' keys: <c>bmp:192.0.2.1</c>.</summary>
    public string Source => $"bmp:{Router}";

    public string? SysName { get; private set; }

    /// <summary>The connection is over and its peers withdrawn.</summary>
    public bool Ended { get; private set; }

    public IEnumerable<MonitoredPeer> Peers => _peers.Values;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var elements = new List<RouteElement>();
        string end = "the router closed the connection";
        // RFC 7854 §4.3: the Initiation message comes first, as soon as the session is up; after
        // that BMP has no keepalive, so only a long silence ends a connection.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        silence.CancelAfter(options.InitiationTimeout);
        var heard = false;
        try
        {
            await using var reader = new BmpReader(new NetworkStream(socket, ownsSocket: true));
            await foreach (var message in reader.ReadAsync(silence.Token))
            {
                // While Grid's own ingest pushes back, the router is not silent: the clock stops.
                heard = true;
                silence.CancelAfter(Timeout.InfiniteTimeSpan);
                switch (message)
                {
                    case BmpRouteMonitoring routes when routes.Peer.Rib == options.Rib:
                        if (await PeerAsync(routes.Peer, stoppingToken) is not { } peer || peer.OverLimit)
                        {
                            break;
                        }
                        elements.Clear();
                        routes.AddRouteElements(elements);
                        var announced = elements.Count(e => e.Action == RouteAction.Announce);
                        peer.Count(announced, elements.Count - announced, routes.Timestamp);
                        if (elements.Count > 0)
                        {
                            await ingest.SendAsync(new LiveRouteCommand.Routes(Source, [.. elements]), stoppingToken);
                        }
                        if (routes.EndOfRib is not null)
                        {
                            await ingest.SendAsync(new LiveRouteCommand.EndOfTable(Source), stoppingToken);
                        }
                        break;
                    case BmpPeerUp up when up.Peer.Rib == options.Rib || options.Rib == BmpRib.LocRib:
                        if (await PeerAsync(up.Peer, stoppingToken) is not { } upPeer)
                        {
                            break;
                        }
                        upPeer.State = "Up";
                        upPeer.UpAt = up.Timestamp;
                        upPeer.Ups++;
                        break;
                    case BmpPeerDown down:
                        await DownAsync(down.Peer.Address, down.Peer.Asn, down.Text, down.Timestamp, stoppingToken);
                        break;
                    case BmpInitiation initiation:
                        SysName = initiation.SysName;
                        LogRouter(logger, Router.ToString(), initiation.SysName ?? "?", initiation.SysDescr ?? "");
                        break;
                    case BmpTermination termination:
                        end = $"the router ended the session: {termination.Text}";
                        break;
                    case BmpMalformed malformed:
                        if (Interlocked.Increment(ref _malformed) <= 10)
                        {
                            LogMalformed(logger, Router.ToString(), malformed.Offset, malformed.Reason);
                        }
                        break;
                }
                if (options.IdleTimeout > TimeSpan.Zero)
                {
                    silence.CancelAfter(options.IdleTimeout);
                }
            }
        }
        catch (BmpFramingException e)
        {
            end = $"broken BMP framing at octet {e.Offset}: {e.Reason}";
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            end = $"connection lost: {e.Message}";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (silence.IsCancellationRequested)
        {
            end = heard
                ? $"no BMP message for {options.IdleTimeout.TotalSeconds:0} s (Grid:Bmp:IdleTimeout)"
                : $"no Initiation message within {options.InitiationTimeout.TotalSeconds:0} s of connecting (RFC 7854 §4.3; Grid:Bmp:InitiationTimeout)";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of Grid's own ends this router's connection, and its peers' routes with it.
            end = $"internal error: {e.GetType().Name}: {e.Message}";
        }

        LogEnded(logger, Router.ToString(), end);
        // Every peer whose routes may still count: those up, those that sent routes without a Peer
        // Up, and those withdrawn for their size (so a reconnection may report them afresh).
        foreach (var peer in _peers.Values.Where(p => p.State != "Down" || p.OverLimit))
        {
            await DownAsync(peer.Address, peer.Asn, end, DateTimeOffset.UtcNow, CancellationToken.None);
        }
        Ended = true;
    }

    /// <summary>The peer a message is about; null past <see cref="BmpFeedOptions.MaxPeersPerRouter"/>, whose messages are dropped.</summary>
    private async ValueTask<MonitoredPeer?> PeerAsync(BmpPeer header, CancellationToken cancellationToken)
    {
        if (_peers.TryGetValue((header.Address, header.Asn), out var peer))
        {
            return peer;
        }
        if (_peers.Count >= options.MaxPeersPerRouter)
        {
            if (Interlocked.Exchange(ref _peerCapLogged, 1) == 0)
            {
                LogPeerCap(logger, Router.ToString(), options.MaxPeersPerRouter, header.Address.ToString(), header.Asn);
            }
            return null;
        }
        peer = _peers.GetOrAdd((header.Address, header.Asn), key => new MonitoredPeer(key.Item1, key.Item2));
        await ingest.SendAsync(new LiveRouteCommand.SetMode(Source, header.Address, header.Asn, mode), cancellationToken);
        return peer;
    }

    /// <summary>The ingest withdrew a peer that went past Grid:Bmp:MaxPrefixesPerPeer; its routes are ignored until its next Peer Down.</summary>
    public void PrefixLimitReached(PrefixLimitReached reached)
    {
        if (_peers.TryGetValue((reached.Address, reached.Asn), out var peer))
        {
            peer.OverLimit = true;
            peer.State = "Down";
            peer.LastDown = $"{reached.Prefixes} {(reached.IPv6 ? "IPv6" : "IPv4")} prefixes, more than Grid:Bmp:MaxPrefixesPerPeer ({reached.Limit}): routes withdrawn and ignored until the peer goes down";
        }
    }

    private async ValueTask DownAsync(IPAddress address, uint asn, string why, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_peers.TryGetValue((address, asn), out var peer))
        {
            peer.State = "Down";
            peer.LastDown = why;
            peer.OverLimit = false;
        }
        await ingest.SendAsync(new LiveRouteCommand.DropPeer(Source, address, asn, at), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BMP router {Router} reports more than {Max} peers (Grid:Bmp:MaxPeersPerRouter): the messages of {Peer} AS{Asn} and of any further peer are dropped")]
    private static partial void LogPeerCap(ILogger logger, string router, int max, string peer, uint asn);

    [LoggerMessage(Level = LogLevel.Information, Message = "BMP router {Router} connected: {SysName} {SysDescr}")]
    private static partial void LogRouter(ILogger logger, string router, string sysName, string sysDescr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BMP router {Router}: malformed message at octet {Offset} skipped ({Reason})")]
    private static partial void LogMalformed(ILogger logger, string router, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BMP router {Router} gone ({Reason}); the peers it reported are withdrawn")]
    private static partial void LogEnded(ILogger logger, string router, string reason);
}
