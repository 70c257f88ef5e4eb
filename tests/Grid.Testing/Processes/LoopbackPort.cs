using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Grid.Testing.Processes;

/// <summary>
/// TCP ports on 127.0.0.1 that a test owns. Test projects run in parallel processes, and a port
/// the kernel reports free can be taken by another process (or by an outgoing connection's
/// ephemeral port) before the server binds. So ports come from 20000–31999, below Linux's
/// ephemeral range (32768–60999), and each is reserved across processes by an exclusive lock on
/// a file in /tmp/grid-test-ports, held until this process exits.
/// </summary>
public static class LoopbackPort
{
    private const int First = 20000;
    private const int Count = 12000;
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "grid-test-ports");
    private static readonly ConcurrentBag<FileStream> Held = [];
    private static int _next = First + (Environment.ProcessId * 97 % Count);

    /// <summary>A port that is free now and that no other test process will be given.</summary>
    public static int FindFree()
    {
        Directory.CreateDirectory(Folder);
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % Count);
            if (!TryReserve(port))
            {
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port in {First}–{First + Count - 1}: too many tests hold ports, or stale servers run");
    }

    private static bool TryReserve(int port)
    {
        try
        {
            // FileShare.None: a second process's open fails while this one lives; the kernel drops the lock at exit.
            Held.Add(new FileStream(Path.Combine(Folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
