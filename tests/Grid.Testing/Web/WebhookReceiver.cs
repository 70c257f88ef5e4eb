using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Testing.Web;

/// <summary>
/// A real webhook receiver on loopback (Kestrel). It checks each POST's <c>X-Grid-Signature</c>
/// against its own HMAC-SHA256 of the body (RFC 2104) with the shared secret, answers 401 when it
/// does not match, and remembers what it accepted. It can be stopped and started again on the same
/// port, to play a receiver outage.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedAlert> _accepted = new();
    private readonly string _secret;
    private readonly int _port;
    private WebApplication? _app;
    private int _rejected;

    private WebhookReceiver(string secret, int port)
    {
        _secret = secret;
        _port = port;
    }

    public Uri Url => new($"http://127.0.0.1:{_port}/hook");

    /// <summary>Every accepted delivery, in arrival order (retries of one Idempotency-Key would show twice).</summary>
    public IReadOnlyList<ReceivedAlert> Accepted => [.. _accepted];

    /// <summary>Requests refused because their signature did not match.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public bool IsRunning => _app is not null;

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var receiver = new WebhookReceiver(secret, LoopbackPort.FindFree());
        await receiver.StartAsync();
        return receiver;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        var app = builder.Build();
        app.MapPost("/hook", ReceiveAsync);
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var arrived = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.UTF8.GetBytes(body)));
        var signature = request.Headers["X-Grid-Signature"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            Interlocked.Increment(ref _rejected);
            return Results.Unauthorized();
        }

        _accepted.Enqueue(new ReceivedAlert(request.Headers["Idempotency-Key"].ToString(), body, JsonDocument.Parse(body).RootElement.Clone(), arrived));
        return Results.Ok();
    }
}

/// <summary>One accepted delivery: its Idempotency-Key, raw body, parsed JSON and when its request arrived.</summary>
public sealed record ReceivedAlert(string IdempotencyKey, string Body, JsonElement Json, DateTimeOffset ArrivedAt)
{
    public string? Level => Json.TryGetProperty("level", out var level) ? level.GetString() : null;

    public string? Entity => Json.TryGetProperty("entity", out var entity) ? entity.GetString() : null;

    public string? Mechanism => Json.TryGetProperty("mechanism", out var mechanism) ? mechanism.GetString() : null;

    public IReadOnlyList<string> Tags => Json.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [];
}
