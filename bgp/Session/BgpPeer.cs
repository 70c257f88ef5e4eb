using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Grid.Bgp.Messages;
using Microsoft.Extensions.Logging;

namespace Grid.Bgp.Session;

/// <summary>
/// One configured neighbor and its finite-state machine (RFC 4271 §8). It runs one connection at a
/// time: it waits for the neighbor (passive) or also connects to it, with ConnectRetry backing off
/// after each failure (RFC 4271 §8.1.1 DampPeerOscillations), runs the OPEN exchange, and stays
/// Established until an error, a NOTIFICATION, the hold timer or shutdown ends the session. Its
/// routes go to the <see cref="IBgpRouteSink"/>; when an Established session ends, the sink hears
/// it, and every route of the neighbor is withdrawn.
/// </summary>
public sealed partial class BgpPeer
{
    private volatile string _shutdownCommunication = "Grid is shutting down";

    /// <summary>What the Cease/Administrative Shutdown sent when the speaker stops says (RFC 8203/9003).</summary>
    internal string ShutdownCommunication
    {
        get => _shutdownCommunication;
        set => _shutdownCommunication = value;
    }

    private readonly BgpSpeakerOptions _speaker;
    private readonly IBgpRouteSink _sink;
    private readonly ILogger _logger;
    private readonly Channel<Socket> _incoming;
    private readonly BgpPeerCounters _counters = new();
    private readonly Lock _gate = new();
    private BgpSessionState _state = BgpSessionState.Idle;
    private BgpConnection? _connection;
    private BgpSession? _session;
    private CancellationTokenSource? _connectionStop;
    private Socket? _collision;
    private bool _switchToCollision;
    private DateTimeOffset? _establishedAt;
    private int _sessionsEstablished;
    private string? _lastError;

    internal BgpPeer(BgpPeerOptions options, BgpSpeakerOptions speaker, IBgpRouteSink sink, ILogger logger)
    {
        Options = options;
        _speaker = speaker;
        _sink = sink;
        _logger = logger;
        // A newer connection from the neighbor replaces one still waiting: the old one is stale.
        _incoming = Channel.CreateBounded<Socket>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest }, socket => socket.Dispose());
    }

    public BgpPeerOptions Options { get; }

    public BgpSessionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public BgpPeerStatus Status()
    {
        lock (_gate)
        {
            var session = _state == BgpSessionState.Established ? _session : null;
            return new BgpPeerStatus(
                Options.Address.ToString(),
                Options.As,
                Options.Passive,
                _state.ToString(),
                session is null ? null : _establishedAt,
                _counters.LastMessageAt,
                _counters.Updates,
                _counters.Announced,
                _counters.Withdrawn,
                _counters.Malformed,
                _sessionsEstablished,
                _lastError,
                session is null ? null : Describe(session));
        }
    }

    /// <summary>
    /// Ends the Established session, if one is up, with <paramref name="notification"/> (e.g.
    /// Cease/Maximum Number of Prefixes Reached when the neighbor sent more than Grid takes); its
    /// routes are withdrawn as for any session that ends, and the state machine carries on.
    /// </summary>
    public void Cease(BgpNotification notification, string reason)
    {
        BgpConnection current;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            if (_state != BgpSessionState.Established || _connection is null)
            {
                return;
            }
            _lastError = reason;
            current = _connection;
            stop = _connectionStop;
        }
        _ = Task.Run(async () =>
        {
            // The NOTIFICATION goes out before the session stops reading and closes the socket.
            await current.CloseWithAsync(notification);
            try
            {
                stop?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The session had already ended by itself.
            }
        });
    }

    /// <summary>A connection the listener accepted from this neighbor's address.</summary>
    internal void Offer(Socket socket)
    {
        lock (_gate)
        {
            switch (_state)
            {
                case BgpSessionState.Established:
                    // RFC 4271 §6.8: a collision with an Established session closes the new connection.
                    _ = BgpConnection.RefuseAsync(socket, CeaseSubcode.ConnectionCollisionResolution);
                    return;
                case BgpSessionState.OpenSent or BgpSessionState.OpenConfirm:
                    var older = _collision;
                    _collision = socket;
                    older?.Dispose();
                    if (_state == BgpSessionState.OpenConfirm)
                    {
                        ResolveCollisionLocked();
                    }
                    return;
            }
        }
        _incoming.Writer.TryWrite(socket);
    }

    /// <summary>Runs the state machine until <paramref name="stoppingToken"/> is cancelled.</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        var retry = _speaker.ConnectRetry;
        var wait = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            BgpConnection? connection;
            try
            {
                connection = await AcquireAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (connection is null)
            {
                wait = retry = Next(retry);
                continue;
            }

            var startedAt = DateTimeOffset.UtcNow;
            var established = await RunConnectionAsync(connection, stoppingToken);
            bool switching;
            lock (_gate)
            {
                switching = _switchToCollision;
                _switchToCollision = false;
            }
            // A session that held for a while earns a fresh, short retry; one that keeps failing backs off.
            retry = established && DateTimeOffset.UtcNow - startedAt > _speaker.MaxConnectRetry ? _speaker.ConnectRetry : Next(retry);
            wait = switching ? TimeSpan.Zero : retry;
        }
    }

    private TimeSpan Next(TimeSpan retry) => TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, _speaker.MaxConnectRetry.Ticks));

    /// <summary>
    /// The next connection: one the neighbor opened, or, unless passive, one Grid opens after
    /// <paramref name="wait"/>. Null when the connect attempt failed; the caller backs off.
    /// </summary>
    private async Task<BgpConnection?> AcquireAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        SetState(Options.Passive ? BgpSessionState.Active : BgpSessionState.Idle);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var incoming = _incoming.Reader.ReadAsync(attempt.Token).AsTask();
        if (Options.Passive)
        {
            return new BgpConnection(await incoming, outgoing: false);
        }

        var usedIncoming = false;
        try
        {
            if (wait > TimeSpan.Zero && await Task.WhenAny(incoming, Task.Delay(wait, attempt.Token)) == incoming)
            {
                usedIncoming = true;
                return new BgpConnection(await incoming, outgoing: false);
            }
            SetState(BgpSessionState.Connect);
            var connect = ConnectAsync(attempt.Token);
            var first = await Task.WhenAny(incoming, connect);
            if (first == incoming)
            {
                // RFC 4271 §8.2.2: a connection from the neighbor while connecting is taken instead.
                await attempt.CancelAsync();
                (await connect.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default))?.Dispose();
                usedIncoming = true;
                return new BgpConnection(await incoming, outgoing: false);
            }
            var socket = await connect;
            await attempt.CancelAsync();
            return new BgpConnection(socket, outgoing: true);
        }
        catch (Exception e) when (e is SocketException or TimeoutException && !stoppingToken.IsCancellationRequested)
        {
            SetState(BgpSessionState.Active);
            Record($"connect to {Options.Address}:{Options.Port} failed: {e.Message}");
            LogConnectFailed(_logger, Options.ToString(), e.Message);
            await attempt.CancelAsync();
            return null;
        }
        finally
        {
            await attempt.CancelAsync();
            if (!usedIncoming)
            {
                // A socket the neighbor opened just as the race was decided waits in the channel for the next round.
                _ = incoming.ContinueWith(t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        Offer(t.Result);
                    }
                }, TaskScheduler.Default);
            }
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(Options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var local = Options.LocalAddress ?? (_speaker.Listen is { } listen && !listen.Address.Equals(IPAddress.Any) && !listen.Address.Equals(IPAddress.IPv6Any) ? listen.Address : null);
            if (local is not null && local.AddressFamily == Options.Address.AddressFamily)
            {
                socket.Bind(new IPEndPoint(local, 0));
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await socket.ConnectAsync(new IPEndPoint(Options.Address, Options.Port), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer from {Options.Address}:{Options.Port} within 10 s");
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>RFC 4271 §6.8, once the neighbor's identifier is known: the connection opened by the speaker with the higher identifier survives.</summary>
    private void ResolveCollisionLocked()
    {
        if (_collision is not { } incoming || _connection is not { } current || _session is not { } session)
        {
            return;
        }
        _collision = null;
        var keepIncoming = current.Outgoing ? _speaker.RouterId < session.PeerBgpIdentifier : true;
        if (!keepIncoming)
        {
            // Our connection wins the collision (RFC 4271 §6.8).
            _ = BgpConnection.RefuseAsync(incoming, CeaseSubcode.ConnectionCollisionResolution);
            return;
        }
        _switchToCollision = true;
        _incoming.Writer.TryWrite(incoming);
        _lastError = "connection collision: the neighbor's connection wins (RFC 4271 §6.8)";
        _ = current.CloseWithAsync(BgpNotification.Cease(CeaseSubcode.ConnectionCollisionResolution));
        _connectionStop?.Cancel();
    }

    private void SetState(BgpSessionState state)
    {
        lock (_gate)
        {
            _state = state;
        }
    }

    private void Record(string error)
    {
        lock (_gate)
        {
            _lastError = error;
        }
    }

    private static BgpNegotiatedStatus Describe(BgpSession session) => new(
        session.PeerBgpIdentifier,
        session.HoldTime,
        session.FourOctetAs,
        session.ExtendedMessage,
        session.RouteRefresh,
        [.. session.Families.Select(f => f.ToString())],
        [.. session.Families.Where(f => session.AddPathReceive.HasFlag(f.AddPathFlag)).Select(f => f.ToString())]);

    [LoggerMessage(Level = LogLevel.Information, Message = "BGP {Peer}: connect failed ({Reason}); retrying with backoff")]
    private static partial void LogConnectFailed(ILogger logger, string peer, string reason);
}
