using System.Net;
using System.Net.Sockets;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Alerts;

/// <summary>
/// A silo with Grid's default webhook rules (public addresses, ports 80 and 443), alone in a network
/// namespace whose resolver is a rebinding DNS server written by the test: its name's A queries are
/// answered with a public address, then 127.0.0.1, in turn. A web server on 127.0.0.1:80 in the
/// namespace counts every connection that gets through.
/// </summary>
public sealed class SsrfSilo : IAsyncLifetime
{
    public const string RebindingName = "rebind.grid.test";

    /// <summary>A public address; the namespace has no route to it, so a connection to it fails at once.</summary>
    public static readonly IPAddress Public = IPAddress.Parse("93.184.215.14");

    private NetworkNamespace? _ns;
    private Socket? _loopbackWeb;
    private Task? _accepting;
    private int _loopbackConnections;

    public SiloProcess Silo { get; private set; } = null!;

    public RebindingDnsServer Dns { get; private set; } = null!;

    /// <summary>Connections accepted on 127.0.0.1:80 inside the namespace.</summary>
    public int LoopbackConnections => Volatile.Read(ref _loopbackConnections);

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        _ns = await NetworkNamespace.CreateAsync();
        Dns = await RebindingDnsServer.StartAsync(_ns, RebindingName, n => n % 2 == 1 ? Public : IPAddress.Loopback);
        _loopbackWeb = _ns.ListenTcp(new IPEndPoint(IPAddress.Loopback, 80));
        _accepting = AcceptAsync(_loopbackWeb);
        Silo = await SiloProcess.StartAsync([], AlertWorld.Settings(), _ns);
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        _loopbackWeb?.Dispose();
        if (_accepting is not null)
        {
            await _accepting;
        }

        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }

        if (_ns is not null)
        {
            await _ns.DisposeAsync();
        }
    }

    private async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptAsync();
                Interlocked.Increment(ref _loopbackConnections);
                await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
