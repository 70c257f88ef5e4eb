using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Session.ErrorHandling;
using Microsoft.Extensions.Logging;

namespace Grid.Bgp.Session;

public sealed partial class BgpPeer
{
    /// <summary>Routes handed to the sink at once at most; a table load flushes this often even when data keeps coming.</summary>
    private const int MaxRoutesPerHandOver = 8192;

    /// <summary>
    /// Runs one connection from OpenSent to its end (RFC 4271 §8.2.2). True when it reached
    /// Established. Never throws: every end is recorded as the peer's last error.
    /// </summary>
    private async Task<bool> RunConnectionAsync(BgpConnection connection, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        lock (_gate)
        {
            _connection = connection;
            _session = null;
            _connectionStop = stop;
        }
        var established = false;
        string reason;
        try
        {
            var session = await OpenAsync(connection, stop.Token);
            established = true;
            await EstablishedAsync(connection, session, stop.Token);
            reason = "the neighbor closed the connection";
        }
        catch (BgpMessageError error)
        {
            // RFC 4271 §6: every error detected is reported with a NOTIFICATION before the connection closes.
            reason = $"sent NOTIFICATION {error.Notification.Description}: {error.Message}";
            await connection.CloseWithAsync(error.Notification);
        }
        catch (BgpSessionClosed closed)
        {
            reason = closed.Message;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            reason = ShutdownCommunication;
            await connection.CloseWithAsync(BgpNotification.AdministrativeShutdown(ShutdownCommunication));
        }
        catch (OperationCanceledException)
        {
            reason = _lastError ?? "the connection was replaced";
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            reason = $"connection lost: {e.Message}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of Grid's own must cost this session, never the peer's state machine.
            reason = $"internal error: {e.GetType().Name}: {e.Message}";
            LogFault(_logger, Options.ToString(), e);
        }

        lock (_gate)
        {
            _state = BgpSessionState.Idle;
            _connection = null;
            _session = null;
            _connectionStop = null;
            _lastError = reason;
            _collision?.Dispose();
            _collision = null;
        }
        await connection.DisposeAsync();
        if (established)
        {
            LogDown(_logger, Options.ToString(), reason);
            try
            {
                await _sink.SessionDownAsync(Options, reason, DateTimeOffset.UtcNow, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the routes go with the process.
            }
        }
        else
        {
            LogNotEstablished(_logger, Options.ToString(), reason);
        }
        return established;
    }

    /// <summary>OpenSent and OpenConfirm (RFC 4271 §8.2.2): exchange OPENs, agree, then one KEEPALIVE each way.</summary>
    private async Task<BgpSession> OpenAsync(BgpConnection connection, CancellationToken cancellationToken)
    {
        var ours = LocalOpen();
        SetState(BgpSessionState.OpenSent);
        await connection.SendAsync(ours.Encode(), cancellationToken);

        var (type, body) = await ReadAsync(connection, _speaker.OpenWait, cancellationToken);
        Expect(type, body, BgpMessageType.Open, OpenSentUnexpected);
        var theirs = BgpOpen.Decode(body.Span);
        var session = BgpSessionNegotiation.Negotiate(ours, theirs, expectedPeerAs: Options.As);
        connection.ExtendedMessages = session.ExtendedMessage;

        await connection.SendAsync(BgpMessageFraming.EncodeKeepalive(), cancellationToken);
        lock (_gate)
        {
            _state = BgpSessionState.OpenConfirm;
            _session = session;
            ResolveCollisionLocked();
        }
        var hold = session.HoldTime == 0 ? _speaker.OpenWait : TimeSpan.FromSeconds(session.HoldTime);
        (type, body) = await ReadAsync(connection, hold, cancellationToken);
        Expect(type, body, BgpMessageType.Keepalive, OpenConfirmUnexpected);

        lock (_gate)
        {
            _state = BgpSessionState.Established;
            _establishedAt = DateTimeOffset.UtcNow;
            _sessionsEstablished++;
        }
        LogEstablished(_logger, Options.ToString(), session.HoldTime, string.Join(", ", session.Families), session.FourOctetAs);
        return session;
    }

    /// <summary>Established: UPDATEs become routes for the sink; the hold and keepalive timers run beside the reads.</summary>
    private async Task EstablishedAsync(BgpConnection connection, BgpSession session, CancellationToken cancellationToken)
    {
        var addPaths = session.AddPathReceive == AddPathFamilies.None ? null : new AddPathTable();
        var elements = new SessionRoutes(Options.Address, session.PeerAs, addPaths);
        var context = session.DecodeContext;
        var update = new BgpUpdate();
        var routes = new List<RouteElement>(MaxRoutesPerHandOver);
        var timers = new BgpSessionTimers(connection, session, () => _sinkBusy);
        var timersTask = timers.RunAsync(cancellationToken);
        try
        {
            while (true)
            {
                while (connection.TryReadBuffered(out var type, out var body))
                {
                    var now = DateTimeOffset.UtcNow;
                    _counters.Message(now);
                    switch (type)
                    {
                        case BgpMessageType.Update:
                            await ReceiveUpdateAsync(body, context, update, elements, routes, now, cancellationToken);
                            break;
                        case BgpMessageType.Keepalive or BgpMessageType.RouteRefresh:
                            // Grid announces nothing, so a refresh request has nothing to answer with (RFC 2918 §4).
                            break;
                        case BgpMessageType.Notification:
                            throw Received(body);
                        default:
                            throw new BgpMessageError(BgpNotification.FiniteStateMachine(EstablishedUnexpected, type),
                                $"a {type} message arrived in Established (RFC 6608 §4)");
                    }
                    if (routes.Count >= MaxRoutesPerHandOver)
                    {
                        await HandOverAsync(routes, cancellationToken);
                    }
                }
                if (routes.Count > 0 && !connection.HasPendingInput)
                {
                    // Caught up with the neighbor: what it sent is counted now, not at the next burst.
                    await HandOverAsync(routes, cancellationToken);
                }
                bool more;
                try
                {
                    more = await connection.FillAsync(cancellationToken);
                }
                catch (Exception e) when (timers.Expired is { } expired && e is not OperationCanceledException)
                {
                    throw new BgpSessionClosed($"sent NOTIFICATION {expired.Notification.Description}: {expired.Message}");
                }
                if (!more)
                {
                    throw new BgpSessionClosed("the neighbor closed the connection");
                }
            }
        }
        finally
        {
            timers.Stop();
            await timersTask;
        }
    }

    private async ValueTask ReceiveUpdateAsync(ReadOnlyMemory<byte> body, BgpDecodeContext context, BgpUpdate update,
        SessionRoutes elements, List<RouteElement> routes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var verdict = UpdateChecker.Check(body.Span, context, externalPeer: Options.As != _speaker.LocalAs);
        if (verdict.Resets)
        {
            _counters.Update(0, 0, malformed: true);
            await HandOverAsync(routes, cancellationToken);
            throw new BgpMessageError(verdict.Notification!, string.Join("; ", verdict.Reasons));
        }
        if (verdict.Action != UpdateErrorAction.Accept)
        {
            LogMalformed(_logger, Options.ToString(), verdict.ToString());
        }

        BgpUpdateDecoder.Decode(body.Span, context, update);
        if (update.IsEndOfRib(out var afi, out var safi))
        {
            _counters.Update(0, 0, malformed: false);
            await HandOverAsync(routes, cancellationToken);
            await _sink.EndOfRibAsync(Options, new BgpFamily(afi, safi), cancellationToken);
            return;
        }
        var before = routes.Count;
        UpdateRouteElements.Add(update, now, elements.Peer, elements.PeerAs, routes, verdict.WithdrawsAnnouncements, elements.Paths);
        var announced = 0;
        for (var i = before; i < routes.Count; i++)
        {
            announced += routes[i].Action == RouteAction.Announce ? 1 : 0;
        }
        _counters.Update(announced, routes.Count - before - announced, malformed: verdict.Action != UpdateErrorAction.Accept);
    }

    private volatile bool _sinkBusy;

    /// <summary>Who the session's routes are from, and its ADD-PATH table when it negotiated ADD-PATH receive.</summary>
    private sealed record SessionRoutes(System.Net.IPAddress Peer, uint PeerAs, AddPathTable? Paths);

    private async ValueTask HandOverAsync(List<RouteElement> routes, CancellationToken cancellationToken)
    {
        if (routes.Count == 0)
        {
            return;
        }
        // While the sink pushes back, the neighbor's octets wait in the socket: that is not silence.
        _sinkBusy = true;
        try
        {
            await _sink.RoutesAsync(Options, routes, cancellationToken);
        }
        finally
        {
            _sinkBusy = false;
        }
        routes.Clear();
    }

    private BgpOpen LocalOpen() => new(_speaker.LocalAs, _speaker.HoldTime, _speaker.RouterId,
    [
        BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast),
        BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast),
        BgpCapability.RouteRefresh(),
        BgpCapability.FourOctetAs(_speaker.LocalAs),
        BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Receive), (BgpFamily.IPv6Unicast, AddPathDirection.Receive)),
        BgpCapability.ExtendedMessage(),
    ]);

    private static async Task<(BgpMessageType Type, ReadOnlyMemory<byte> Body)> ReadAsync(BgpConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (connection.TryReadBuffered(out var type, out var body))
                {
                    return (type, body);
                }
                if (!await connection.FillAsync(deadline.Token))
                {
                    throw new BgpSessionClosed("the neighbor closed the connection before the session was Established");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BgpMessageError(BgpNotification.HoldTimerExpired(), $"nothing arrived within {timeout.TotalSeconds:0} s (RFC 4271 §8.2.2)");
        }
    }

    /// <summary>The message must be <paramref name="expected"/>; a NOTIFICATION ends the attempt, anything else is an FSM error (RFC 6608).</summary>
    private static void Expect(BgpMessageType type, ReadOnlyMemory<byte> body, BgpMessageType expected, byte unexpectedSubcode)
    {
        if (type == expected)
        {
            return;
        }
        if (type == BgpMessageType.Notification)
        {
            throw Received(body);
        }
        throw new BgpMessageError(BgpNotification.FiniteStateMachine(unexpectedSubcode, type), $"a {type} message arrived where {expected} was due (RFC 6608 §4)");
    }

    private static BgpSessionClosed Received(ReadOnlyMemory<byte> body)
    {
        var notification = BgpNotification.Decode(body.Span);
        var text = notification.TryGetShutdownCommunication(out var communication) ? $" \"{communication}\"" : "";
        return new BgpSessionClosed($"received NOTIFICATION {notification.Description}{text}");
    }

    // RFC 6608 §4: FSM Error subcodes name the state the unexpected message arrived in.
    private const byte OpenSentUnexpected = 1;
    private const byte OpenConfirmUnexpected = 2;
    private const byte EstablishedUnexpected = 3;

    [LoggerMessage(Level = LogLevel.Information, Message = "BGP {Peer}: Established (hold time {HoldTime} s; {Families}; 4-octet AS {FourOctetAs})")]
    private static partial void LogEstablished(ILogger logger, string peer, ushort holdTime, string families, bool fourOctetAs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BGP {Peer}: session down ({Reason}); its routes are withdrawn")]
    private static partial void LogDown(ILogger logger, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "BGP {Peer}: connection closed before Established ({Reason})")]
    private static partial void LogNotEstablished(ILogger logger, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "BGP {Peer}: session ended by an internal error")]
    private static partial void LogFault(ILogger logger, string peer, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BGP {Peer}: malformed UPDATE handled per RFC 7606 ({Verdict})")]
    private static partial void LogMalformed(ILogger logger, string peer, string verdict);
}
