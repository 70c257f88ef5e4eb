using System.Collections.Concurrent;
using Grid.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Testing.Web;

/// <summary>
/// A real webhook receiver on loopback (Kestrel) that accepts the connection, reads the request
/// and never answers: the dead receiver a sender can only give up on by its own timeout. It
/// remembers when each request arrived; on dispose it aborts the connections it holds.
/// </summary>
public sealed class SilentWebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<DateTimeOffset> _arrivals = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly WebApplication _app;

    private SilentWebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = new Uri($"http://127.0.0.1:{port}/hook");
    }

    public Uri Url { get; }

    /// <summary>When each request arrived, in order; none was ever answered.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals => [.. _arrivals];

    public static async Task<SilentWebhookReceiver> StartAsync()
    {
        var port = LoopbackPort.FindFree();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new SilentWebhookReceiver(app, port);
        app.MapPost("/hook", receiver.HoldAsync);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HoldAsync(HttpContext context)
    {
        _arrivals.Enqueue(DateTimeOffset.UtcNow);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, held.Token);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up, or the test is over: drop the connection without a response.
            context.Abort();
        }
    }
}
