using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grid.Runtime.Cluster.Membership;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Cluster.Transport;

/// <summary>
/// Calls to other silos: one HTTP/2 client for all of them, streams multiplexed over a few
/// connections per silo. Only a failure to connect counts as "not run": once a request may have
/// reached the other silo, a lost answer is reported, never silently sent again.
/// </summary>
internal sealed class ClusterClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly string? _secret;

    public ClusterClient(IOptions<ClusterOptions> options)
    {
        _secret = string.IsNullOrEmpty(options.Value.Secret) ? null : options.Value.Secret;
        var handler = new SocketsHttpHandler
        {
            // One TCP connection caps concurrent streams (Kestrel: 100); more open as needed.
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            // A peer that vanished without a FIN (a pod's node lost) is noticed by PING (RFC 9113 §6.7).
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            UseProxy = false,
        };
        _http = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<ClusterReply> SendAsync(ClusterMember target, string path, byte[] body, CancellationToken cancellationToken)
    {
        // A request built by hand does not take the client's defaults: HTTP/2, no downgrade.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        if (_secret is not null)
        {
            request.Headers.TryAddWithoutValidation(ClusterWire.SecretHeader, _secret);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return ClusterReply.Unreachable(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return ClusterReply.Lost(ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return new ClusterReply(ClusterReplyKind.Ok, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var problem = ReadProblem(text);
            return problem?.Error switch
            {
                ClusterWire.NotOwner => new ClusterReply(ClusterReplyKind.NotOwner, Owner: problem.Owner),
                ClusterWire.ShuttingDown => new ClusterReply(ClusterReplyKind.ShuttingDown),
                ClusterWire.GrainException => new ClusterReply(ClusterReplyKind.Failed, ExceptionType: problem.Type, Message: problem.Message),
                ClusterWire.Unauthorized => throw new InvalidOperationException(
                    $"Silo {target.SiloId} refused this silo's calls: set the same Grid:Cluster:Secret on every silo."),
                _ => throw new InvalidOperationException(
                    $"Silo {target.SiloId} answered {(int)response.StatusCode} to a cluster call: {problem?.Message ?? (text.Length == 0 ? "(no body)" : text)}. Are all silos running the same version?"),
            };
        }
    }

    public void Dispose() => _http.Dispose();

    private static ClusterProblem? ReadProblem(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ClusterProblem>(text, ClusterWireJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
