using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Grid.Testing.Lab;

/// <summary>
/// TCP sockets that live in a lab's namespace while the test runs in the host's: Grid's in-process
/// BGP speaker listens on (or connects from) such a socket to peer with the lab's daemons.
/// A socket belongs to the namespace of the thread that created it (socket(7), setns(2)); a
/// short-lived thread enters the namespace, creates it and ends, so no pool thread ever changes
/// namespace. The socket then works from any thread.
/// </summary>
public static class NamespaceSockets
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>A TCP socket in <paramref name="ns"/>, to bind and connect or listen as usual.</summary>
    public static Socket CreateTcpSocket(this NetworkNamespace ns, AddressFamily family = AddressFamily.InterNetwork) =>
        ns.CreateSocket(family, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Any socket in <paramref name="ns"/>: raw ICMP for the probing lab's responders, TCP for HTTP to a silo inside it.</summary>
    public static Socket CreateSocket(this NetworkNamespace ns, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(ns.HandlePath);
                if (SetNamespace(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns into {ns.Name} failed");
                }
                socket = new Socket(family, type, protocol);
            }
            catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException or SocketException)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = $"enter {ns.Name}",
        };
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"Could not open a socket in network namespace {ns.Name}.", failure);
    }

    /// <summary>A socket listening on <paramref name="endpoint"/> inside <paramref name="ns"/>, e.g. where a lab daemon expects Grid.</summary>
    public static Socket ListenTcp(this NetworkNamespace ns, IPEndPoint endpoint, int backlog = 8)
    {
        var socket = ns.CreateTcpSocket(endpoint.AddressFamily);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connects from <paramref name="local"/> (the address the daemon knows its neighbor by) to
    /// <paramref name="remote"/>, both inside <paramref name="ns"/>.
    /// </summary>
    public static async Task<Socket> ConnectTcpAsync(this NetworkNamespace ns, IPAddress local, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        var socket = ns.CreateTcpSocket(remote.AddressFamily);
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(remote, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable and needs no unsafe code.
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetNamespace(int fd, int nstype);
}
