using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Grid.Testing.Web;

/// <summary>
/// A webhook target that accepts TCP connections and never answers: it reads and discards what the
/// sender writes, so a request waits until the sender gives up. It counts the connections it
/// accepted and knows which of them the sender has since closed.
/// </summary>
public sealed class BlackholeReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset?> _connections = new();
    private readonly Task _accepting;
    private int _accepted;

    private BlackholeReceiver(TcpListener listener)
    {
        _listener = listener;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Url = new Uri($"http://127.0.0.1:{port}/hook");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Accepted connections the sender has not closed yet.</summary>
    public int Open => _connections.Values.Count(closed => closed is null);

    public static BlackholeReceiver Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 64);
        return new BlackholeReceiver(listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _listener.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stopping.Token);
            var id = Interlocked.Increment(ref _accepted);
            _connections[id] = null;
            _ = HoldAsync(id, socket);
        }
    }

    private async Task HoldAsync(int id, Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            try
            {
                while (await socket.ReceiveAsync(buffer, _stopping.Token) > 0)
                {
                    // Read and dropped; never answered.
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                // Reset by the sender, or the test is over.
            }
        }

        _connections[id] = DateTimeOffset.UtcNow;
    }
}
