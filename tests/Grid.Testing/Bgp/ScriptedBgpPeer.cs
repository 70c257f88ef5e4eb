using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Testing.Lab;

namespace Grid.Testing.Bgp;

/// <summary>
/// A BGP neighbor written by the test: it opens a session to Grid from a lab address, then sends
/// exactly the octets a test gives it, well-formed or not, and reports the NOTIFICATION Grid answers
/// with. Real daemons never send malformed UPDATEs on purpose; this one does.
/// </summary>
public sealed class ScriptedBgpPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 17];
    private int _filled;

    private ScriptedBgpPeer(Socket socket) => _socket = socket;

    /// <summary>Grid's OPEN, as received.</summary>
    public BgpOpen? GridOpen { get; private set; }

    /// <summary>Connects from <paramref name="local"/> to <paramref name="grid"/> inside <paramref name="ns"/> and sends <paramref name="open"/>.</summary>
    public static async Task<ScriptedBgpPeer> ConnectAsync(NetworkNamespace ns, IPAddress local, IPEndPoint grid, BgpOpen open, CancellationToken cancellationToken)
    {
        var socket = await ns.ConnectTcpAsync(local, grid, cancellationToken);
        var peer = new ScriptedBgpPeer(socket);
        await peer.SendAsync(open.Encode(), cancellationToken);
        return peer;
    }

    /// <summary>An OPEN as the lab's daemons send it: IPv4 and IPv6 unicast, 4-octet AS.</summary>
    public static BgpOpen Open(uint asn, IPAddress routerId, ushort holdTime = 90) => new(asn, holdTime,
        BinaryPrimitives.ReadUInt32BigEndian(routerId.GetAddressBytes()),
        [BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast), BgpCapability.FourOctetAs(asn)]);

    /// <summary>Connects, exchanges OPENs and KEEPALIVEs, and returns once the session is Established on both sides.</summary>
    public static async Task<ScriptedBgpPeer> EstablishAsync(NetworkNamespace ns, IPAddress local, IPEndPoint grid, BgpOpen open, CancellationToken cancellationToken) =>
        await HandshakeAsync(await ConnectAsync(ns, local, grid, open, cancellationToken), cancellationToken);

    /// <summary>As <see cref="EstablishAsync(NetworkNamespace, IPAddress, IPEndPoint, BgpOpen, CancellationToken)"/>, from this host's loopback (no namespace, no root).</summary>
    public static async Task<ScriptedBgpPeer> EstablishAsync(IPEndPoint grid, BgpOpen open, CancellationToken cancellationToken)
    {
        var socket = new Socket(grid.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(grid, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var peer = new ScriptedBgpPeer(socket);
        await peer.SendAsync(open.Encode(), cancellationToken);
        return await HandshakeAsync(peer, cancellationToken);
    }

    private static async Task<ScriptedBgpPeer> HandshakeAsync(ScriptedBgpPeer peer, CancellationToken cancellationToken)
    {
        var (type, body) = await peer.ReadAsync(cancellationToken);
        if (type != BgpMessageType.Open)
        {
            throw new InvalidOperationException($"Grid answered the OPEN with {type} {Describe(type, body)}");
        }
        peer.GridOpen = BgpOpen.Decode(body);
        await peer.SendAsync(BgpMessageFraming.EncodeKeepalive(), cancellationToken);
        (type, body) = await peer.ReadAsync(cancellationToken);
        if (type != BgpMessageType.Keepalive)
        {
            throw new InvalidOperationException($"Grid answered the KEEPALIVE with {type} {Describe(type, body)}");
        }
        return peer;
    }

    public Task SendAsync(byte[] message, CancellationToken cancellationToken) => _socket.SendAsync(message, SocketFlags.None, cancellationToken).AsTask();

    /// <summary>Sends an UPDATE with <paramref name="body"/> (everything after the header).</summary>
    public Task SendUpdateAsync(byte[] body, CancellationToken cancellationToken) =>
        SendAsync(BgpMessageFraming.Encode(BgpMessageType.Update, body), cancellationToken);

    /// <summary>
    /// Reads until Grid sends a NOTIFICATION (returned) or closes without one (null); KEEPALIVEs and
    /// Grid's OPEN are passed over.
    /// </summary>
    public async Task<BgpNotification?> ReadNotificationAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            BgpMessageType type;
            byte[] body;
            try
            {
                (type, body) = await ReadAsync(cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return null;
            }
            if (type == BgpMessageType.Notification)
            {
                return BgpNotification.Decode(body);
            }
        }
    }

    /// <summary>True when Grid closed the connection (read returns end of stream) within <paramref name="cancellationToken"/>.</summary>
    public async Task<bool> ClosedAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await ReadAsync(cancellationToken);
            }
        }
        catch (EndOfStreamException)
        {
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private async Task<(BgpMessageType Type, byte[] Body)> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_filled >= BgpMessageHeader.Size)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(16));
                if (_filled >= length)
                {
                    var type = (BgpMessageType)_buffer[18];
                    var body = _buffer.AsSpan(BgpMessageHeader.Size, length - BgpMessageHeader.Size).ToArray();
                    Buffer.BlockCopy(_buffer, length, _buffer, 0, _filled - length);
                    _filled -= length;
                    return (type, body);
                }
            }
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("Grid closed the connection");
            }
            _filled += read;
        }
    }

    private static string Describe(BgpMessageType type, byte[] body) =>
        type == BgpMessageType.Notification ? BgpNotification.Decode(body).Description : $"({body.Length} octets)";

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
