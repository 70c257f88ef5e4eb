using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Testing.Lab;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Testing.Bmp;

/// <summary>
/// A hand-written BMP router (RFC 7854) on a real TCP connection from a chosen address inside a
/// lab's namespace: it says what a test scripts (Initiation, Peer Up, Route Monitoring with
/// announcements) in the octets RFC 7854 §4 lays out. It plays the stranger who reports fake
/// peers, and the router that reports too many peers or prefixes, which real daemons do not do on cue.
/// </summary>
public sealed class ScriptedBmpRouter : IAsyncDisposable
{
    private readonly Socket? _socket;

    private ScriptedBmpRouter(Socket? socket) => _socket = socket;

    /// <summary>The station reset the connection before the handshake was through (a refusal as quick as it gets).</summary>
    public bool ResetAtConnect => _socket is null;

    /// <summary>
    /// Connects from <paramref name="from"/> to the station at <paramref name="station"/>, both inside
    /// <paramref name="ns"/>. A station that resets the connection at once may do so before the
    /// connect call returns; that is a closed connection too (<see cref="ResetAtConnect"/>).
    /// </summary>
    public static async Task<ScriptedBmpRouter> ConnectAsync(NetworkNamespace ns, IPAddress from, IPEndPoint station)
    {
        try
        {
            return new(await ns.ConnectTcpAsync(from, station));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return new(null);
        }
    }

    /// <summary>The Initiation message (RFC 7854 §4.3) with sysDescr (type 1) and sysName (type 2).</summary>
    public Task InitiateAsync(string sysName) => SendAsync(Message(BmpMessageType.Initiation,
        Information(1, "scripted BMP router"), Information(2, sysName)));

    /// <summary>A Peer Up for <paramref name="peer"/> (RFC 7854 §4.10): both OPENs offer 4-octet ASNs, so the UPDATEs carry 4-octet paths.</summary>
    public Task PeerUpAsync(IPAddress peer, uint asn)
    {
        var theirs = new BgpOpen(asn, 90, 0xC0000201, [BgpCapability.FourOctetAs(asn)]);
        var ours = new BgpOpen(65000, 90, 0xC0000202, [BgpCapability.FourOctetAs(65000)]);
        return SendAsync(Message(BmpMessageType.PeerUp, PeerHeader(peer, asn), new byte[12], Address("192.0.2.2"), U16(179), U16(40_000), ours.Encode(), theirs.Encode()));
    }

    /// <summary>Route Monitoring of the peer's pre-policy Adj-RIB-In announcing <paramref name="prefixes"/> (IPv4) with origin <paramref name="origin"/>, 500 to an UPDATE.</summary>
    public async Task AnnounceAsync(IPAddress peer, uint asn, IEnumerable<Prefix> prefixes, uint origin)
    {
        foreach (var chunk in prefixes.Select(p => p.ToString()).Chunk(500))
        {
            var update = UpdateBody([], Join(
                Attribute(0x40, PathAttributeType.Origin, 0),
                Attribute(0x50, PathAttributeType.AsPath, Sequence(4, asn, origin)),
                Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1"))), Nlri(chunk));
            await SendAsync(Message(BmpMessageType.RouteMonitoring, PeerHeader(peer, asn), Grid.Testing.Mrt.WireBytes.Message(BgpMessageType.Update, update)));
        }
    }

    /// <summary>
    /// True when the station closes (or resets) the connection within <paramref name="within"/>:
    /// a station never writes to a router (RFC 7854 §3.2), so any end of the read is the close.
    /// </summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan within)
    {
        if (_socket is null)
        {
            return true;
        }
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[64];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends octets; false when the station has already closed the connection.</summary>
    public async Task<bool> TrySendAsync(byte[] octets)
    {
        try
        {
            await SendAsync(octets);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendAsync(byte[] octets)
    {
        if (_socket is null)
        {
            throw new SocketException((int)SocketError.ConnectionReset);
        }
        await _socket.SendAsync(octets, SocketFlags.None);
    }

    /// <summary>A whole message: version 3, a 4-octet length counting the 6-octet header, the type (RFC 7854 §4.1).</summary>
    private static byte[] Message(BmpMessageType type, params byte[][] body)
    {
        var content = Join(body);
        return Join([3], U32((uint)(6 + content.Length)), [(byte)type], content);
    }

    private static byte[] Information(ushort type, string value)
    {
        var octets = System.Text.Encoding.UTF8.GetBytes(value);
        return Join(U16(type), U16(octets.Length), octets);
    }

    /// <summary>The per-peer header (RFC 7854 §4.2) of a global-instance IPv4 peer, pre-policy Adj-RIB-In, stamped now.</summary>
    private static byte[] PeerHeader(IPAddress peer, uint asn) => Join(
        [0, 0], new byte[8], new byte[12], peer.GetAddressBytes(), U32(asn), Address("192.0.2.1"),
        U32((uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds()), U32(0));
}
