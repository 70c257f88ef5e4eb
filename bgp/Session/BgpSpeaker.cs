using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Messages;
using Microsoft.Extensions.Logging;

namespace Grid.Bgp.Session;

/// <summary>
/// Grid's BGP speaker: receive-only (it announces nothing), with one <see cref="BgpPeer"/> per
/// configured neighbor and a listener for passive sessions. A connection from an address that is
/// not configured is refused with Cease/Connection Rejected (RFC 4486 §4) and closed before any
/// OPEN is read, so strangers learn nothing and cost nothing; past 64 such refusals in flight, a
/// stranger's connection is reset without the NOTIFICATION.
/// </summary>
public sealed partial class BgpSpeaker : IAsyncDisposable
{
    private readonly BgpSpeakerOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<IPAddress, BgpPeer> _byAddress = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly Dictionary<IPAddress, DateTimeOffset> _lastRefusalLogged = [];
    private Socket? _listener;

    /// <summary>Refusals whose NOTIFICATION is still being sent (each at most 2 s); past this many, strangers are reset at once.</summary>
    private const int MaxRefusing = 64;

    private int _refusing;

    public BgpSpeaker(BgpSpeakerOptions options, IEnumerable<BgpPeerOptions> peers, IBgpRouteSink sink, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(peers);
        _options = options;
        _logger = logger;
        foreach (var peer in peers)
        {
            var address = Normalize(peer.Address);
            if (!_byAddress.TryAdd(address, new BgpPeer(peer with { Address = address }, options, sink, logger)))
            {
                throw new ArgumentException($"neighbor {address} is configured twice: one session per neighbor address", nameof(peers));
            }
        }
    }

    public IReadOnlyCollection<BgpPeer> Peers => _byAddress.Values;

    /// <summary>The bound listen address (its port is real when 0 was asked for); null without a listener.</summary>
    public IPEndPoint? ListenEndpoint => _listener?.LocalEndPoint as IPEndPoint;

    /// <summary>Binds the listener (throws with the reason when the address is taken) and starts every peer.</summary>
    public void Start()
    {
        if (_options.Listen is { } listen)
        {
            var socket = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                if (listen.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = true;
                }
                socket.Bind(listen);
                socket.Listen(64);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new InvalidOperationException($"BGP cannot listen on {listen}: {e.Message}. Set Grid:Bgp:Listen to a free address:port (ports below 1024 need root or CAP_NET_BIND_SERVICE).", e);
            }
            _listener = socket;
            _running.Add(AcceptAsync(socket, _stop.Token));
            LogListening(_logger, ListenEndpoint!.ToString(), _byAddress.Count);
        }
        foreach (var peer in _byAddress.Values)
        {
            _running.Add(Task.Run(() => peer.RunAsync(_stop.Token)));
        }
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors or similar: say so and keep accepting; sessions already up are unaffected.
                LogAcceptFailed(_logger, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                continue;
            }

            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            if (_byAddress.TryGetValue(Normalize(remote.Address), out var peer))
            {
                peer.Offer(socket);
                continue;
            }
            // A stranger retrying every second must not flood the log: once a minute per address.
            var stranger = Normalize(remote.Address);
            var now = DateTimeOffset.UtcNow;
            if (!_lastRefusalLogged.TryGetValue(stranger, out var logged) || now - logged > TimeSpan.FromMinutes(1))
            {
                if (_lastRefusalLogged.Count > 10_000)
                {
                    _lastRefusalLogged.Clear();
                }
                _lastRefusalLogged[stranger] = now;
                LogRejected(_logger, stranger.ToString());
            }
            if (Interlocked.Increment(ref _refusing) > MaxRefusing)
            {
                // A flood of strangers: no NOTIFICATION for the ones past the cap, just a reset.
                Interlocked.Decrement(ref _refusing);
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
                continue;
            }
            _ = RefuseAsync(socket);
        }
    }

    private async Task RefuseAsync(Socket socket)
    {
        try
        {
            await BgpConnection.RefuseAsync(socket, CeaseSubcode.ConnectionRejected);
        }
        finally
        {
            Interlocked.Decrement(ref _refusing);
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Closes the listener and every session with Cease/Administrative Shutdown (RFC 4486 §4)
    /// carrying <paramref name="communication"/> as the shutdown communication (RFC 9003).
    /// </summary>
    public ValueTask StopAsync(string communication)
    {
        foreach (var peer in _byAddress.Values)
        {
            peer.ShutdownCommunication = communication;
        }

        return DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Dispose();
        try
        {
            await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A peer stuck in its sink must not hold up shutdown.
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BGP listening on {Endpoint} for {Peers} configured neighbors (receive-only)")]
    private static partial void LogListening(ILogger logger, string endpoint, int peers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BGP refused a connection from {Address}: not a configured neighbor (Cease/Connection Rejected). Add it under Grid:Bgp:Peers to accept it")]
    private static partial void LogRejected(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BGP accept failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);
}
