using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// One silo's TCP path to PostgreSQL: a loopback forwarder between the silo and the real server.
/// A process killed with kill -9 writes nothing more; an in-process silo stopped by
/// <c>TestCluster.KillSiloAsync</c> may still start its grains' deactivation (Orleans calls
/// OnDeactivateAsync with a cancelled token), so the test cuts this link first: every connection of
/// the dead silo is reset, no new one is accepted, and nothing it still tries to write lands.
/// </summary>
internal sealed class PostgresLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly CancellationTokenSource _cut = new();
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;

    public PostgresLink(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool IsCut => _cut.IsCancellationRequested;

    public void Cut()
    {
        if (_cut.IsCancellationRequested)
        {
            return;
        }

        _cut.Cancel();
        _listener.Stop();
        foreach (var client in _open.Keys)
        {
            try
            {
                // Linger 0: a reset, as the peer of a vanished process sees it.
                client.Client?.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient silo;
            try
            {
                silo = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(silo);
        }
    }

    private async Task ForwardAsync(TcpClient silo)
    {
        using var server = new TcpClient();
        _open[silo] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_host, _port, _cut.Token);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_cut.Token);
            var up = silo.GetStream().CopyToAsync(server.GetStream(), both.Token);
            var down = server.GetStream().CopyToAsync(silo.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(silo, out _);
            _open.TryRemove(server, out _);
            silo.Dispose();
        }
    }
}
