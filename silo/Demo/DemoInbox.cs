using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Grid.Silo.Demo;

/// <summary>
/// The demo's own webhook receiver, at <c>POST /demo/webhook</c>: it checks the signature as a
/// responder would, and keeps what it accepted for <c>GET /demo/alerts</c>.
/// </summary>
internal sealed class DemoInbox
{
    /// <summary>A published demo secret: the demo world is not a secret, and this is what it signs with.</summary>
    public const string Secret = "grid-demo-secret-not-for-production";

    private readonly ConcurrentQueue<JsonElement> _received = new();

    public IEnumerable<JsonElement> Received => _received.Reverse();

    public bool Accept(string body, string? signature)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));
        if (signature is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return false;
        }

        _received.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
        return true;
    }
}
