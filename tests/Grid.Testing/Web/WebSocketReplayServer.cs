using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Grid.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Testing.Web;

/// <summary>
/// A real websocket server on loopback (Kestrel) that plays recorded messages to each client,
/// after the client's first message (a RIS Live subscription), and remembers what clients sent.
/// </summary>
public sealed class WebSocketReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _received = new();
    private int _connections;

    private readonly IReadOnlyList<string> _messages;

    private WebSocketReplayServer(WebApplication app, Uri url, IReadOnlyList<string> messages)
    {
        _app = app;
        Url = url;
        _messages = messages;
    }

    public Uri Url { get; }

    /// <summary>The HTTP address of a served file.</summary>
    public Uri FileUrl(string path) => new($"http://{Url.Authority}{path}");

    public IReadOnlyCollection<string> Received => _received;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>
    /// Starts a server at ws://127.0.0.1:{free}/v1/ws/ that sends <paramref name="messages"/> then
    /// holds the connection open, and serves <paramref name="files"/> (URL path → local file) over HTTP.
    /// </summary>
    public static async Task<WebSocketReplayServer> StartAsync(IReadOnlyList<string> messages, IReadOnlyDictionary<string, string>? files = null)
    {
        var port = LoopbackPort.FindFree();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new WebSocketReplayServer(app, new Uri($"ws://127.0.0.1:{port}/v1/ws/?client=grid-test"), messages);
        app.UseWebSockets();
        app.Map("/v1/ws/", server.ServeAsync);
        foreach (var (path, file) in files ?? new Dictionary<string, string>())
        {
            app.MapGet(path, () => Results.File(file, "application/octet-stream"));
        }

        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Interlocked.Increment(ref _connections);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        var first = await socket.ReceiveAsync(buffer, context.RequestAborted);
        _received.Enqueue(Encoding.UTF8.GetString(buffer, 0, first.Count));
        foreach (var message in _messages)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
        }

        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var more = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (more.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _received.Enqueue(Encoding.UTF8.GetString(buffer, 0, more.Count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }
    }
}
