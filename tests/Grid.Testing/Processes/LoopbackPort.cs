using System.Net;
using System.Net.Sockets;

namespace Grid.Testing.Processes;

/// <summary>Free TCP ports on 127.0.0.1 for servers that tests start.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// Asks the kernel for a port that is free right now. Another process can still take it before
    /// the server binds, so callers that start servers retry on a bind failure.
    /// </summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
