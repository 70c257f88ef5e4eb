using System.Net;
using System.Net.Sockets;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// A raw ICMP socket (raw(7)): echo requests out, every ICMP message in. Opening one needs root or
/// CAP_NET_RAW; <see cref="TryOpen"/> says so plainly instead of throwing, so the silo keeps running.
/// </summary>
public sealed class IcmpSocket : IDisposable
{
    public const string NeedsRawSockets =
        "ICMP probing needs raw sockets: run the silo as root or grant CAP_NET_RAW " +
        "(`setcap cap_net_raw+ep Grid.Silo`; in Kubernetes, securityContext.capabilities.add: [\"NET_RAW\"])";

    private readonly Socket _socket;
    private readonly SocketAddress _destination = new IPEndPoint(IPAddress.Any, 0).Serialize();

    private IcmpSocket(Socket socket) => _socket = socket;

    public static IcmpSocket? TryOpen(out string? problem)
    {
        try
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
            // Replies of a large round arrive in bursts; a bigger buffer keeps the kernel from dropping them.
            socket.ReceiveBufferSize = 8 * 1024 * 1024;
            socket.SendBufferSize = 1024 * 1024;
            problem = null;
            return new IcmpSocket(socket);
        }
        catch (SocketException ex)
        {
            // EPERM/EACCES without the capability; anything else (no raw sockets at all) is told the same way.
            problem = $"{NeedsRawSockets} ({ex.Message}).";
            return null;
        }
    }

    /// <summary>Sends one echo request to <paramref name="address"/> (host order); false when the kernel refuses it (no route, link down).</summary>
    public bool Send(uint address, ReadOnlySpan<byte> packet)
    {
        // sockaddr_in: family (2), port (2), address (4) in network order. One reused address, no allocation.
        var buffer = _destination.Buffer.Span;
        buffer[4] = (byte)(address >> 24);
        buffer[5] = (byte)(address >> 16);
        buffer[6] = (byte)(address >> 8);
        buffer[7] = (byte)address;
        try
        {
            return _socket.SendTo(packet, SocketFlags.None, _destination) == packet.Length;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Blocks until a datagram arrives; 0 once the socket is closed.</summary>
    public int Receive(Span<byte> buffer)
    {
        try
        {
            return _socket.Receive(buffer);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    public void Dispose() => _socket.Dispose();
}
