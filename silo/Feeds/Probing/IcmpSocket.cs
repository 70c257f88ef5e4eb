using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// A raw ICMP socket (raw(7)): echo requests out, every ICMP message in. Opening one needs root or
/// CAP_NET_RAW; <see cref="TryOpen"/> says so plainly instead of throwing, so the silo keeps running.
/// Each reply's arrival is the kernel's stamp (socket(7): SIOCGSTAMPNS), not the time the receive
/// thread got to it: on a busy machine that thread waits for a core, and an RTT read in user space
/// grew from tens of microseconds to 270 ms (CI, a loaded 2-core machine), enough to make every
/// country look throttled.
/// </summary>
public sealed class IcmpSocket : IDisposable
{
    public const string NeedsRawSockets =
        "ICMP probing needs raw sockets: run the silo as root or grant CAP_NET_RAW " +
        "(`setcap cap_net_raw+ep Grid.Silo`; in Kubernetes, securityContext.capabilities.add: [\"NET_RAW\"])";

    private readonly Socket _socket;
    private readonly SocketAddress _destination = new IPEndPoint(IPAddress.Any, 0).Serialize();

    // sockios.h (SIOCGSTAMPNS_OLD: the 64-bit timespec on x86-64 and arm64 Linux).
    private const ulong SiocGStampNs = 0x8907;

    private readonly bool _kernelStamps;

    private IcmpSocket(Socket socket)
    {
        _socket = socket;
        // The first SIOCGSTAMPNS turns stamping on (SOCK_TIMESTAMP) and has none to give; from then
        // on the kernel keeps the last datagram's arrival for the next one. (SO_TIMESTAMPNS would
        // hand the stamp to recvmsg's control data instead, and leave the ioctl without one.) Where no
        // other socket of the host stamps, the kernel turns stamping on from a worker a moment later
        // (net_enable_timestamp); a reply in that moment reads as arriving when it was read.
        _kernelStamps = OperatingSystem.IsLinux();
        if (_kernelStamps)
        {
            _ = GetStamp((int)socket.Handle, SiocGStampNs, out _);
        }
    }

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

    /// <summary>
    /// Blocks until a datagram arrives; 0 once the socket is closed. <paramref name="arrived"/> is
    /// when the kernel took it in (<see cref="ProbeClock"/>), or now where the kernel cannot say.
    /// </summary>
    public int Receive(Span<byte> buffer, out long arrived)
    {
        arrived = 0;
        try
        {
            var length = _socket.Receive(buffer);
            arrived = _kernelStamps && GetStamp((int)_socket.Handle, SiocGStampNs, out var stamp) == 0
                ? (stamp.Seconds * 1_000_000_000) + stamp.Nanoseconds
                : ProbeClock.Now();
            return length;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    public void Dispose() => _socket.Dispose();

    // DllImport rather than LibraryImport: the signature is blittable and needs no unsafe code.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetStamp(int fd, ulong request, out Timespec stamp);

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
