using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Grid.Silo.Tests.Api;

/// <summary>
/// Issue 21, finding 10 (item 9): <c>/</c> and <c>/v1/cluster</c> show silo names, machines,
/// addresses and commits to admin keys only; forwarded client addresses are believed from the
/// configured proxies only, and rate limits count the client they name; <c>/metrics</c> on the
/// API's port answers this machine's own callers only.
/// </summary>
public sealed class ExposureTests(ExposureSilo api) : IClassFixture<ExposureSilo>
{
    [Fact]
    public async Task RootAndClusterShowInternalNamesAndAddressesOnlyToAnAdminKey()
    {
        var publicRoot = await ReadAsync("/", key: null, client: "198.51.100.1");
        var readerRoot = await ReadAsync("/", ApiSilo.ReadKey, client: null);
        var adminRoot = await ReadAsync("/", ApiSilo.AdminKey, client: null);
        foreach (var root in new[] { publicRoot, readerRoot })
        {
            Assert.Equal("Grid", root.GetProperty("name").GetString());
            Assert.DoesNotContain('+', root.GetProperty("version").GetString()!);
            foreach (var hidden in new[] { "siloId", "machine", "build", "entitiesHere" })
            {
                Assert.False(root.TryGetProperty(hidden, out _), $"GET / without an admin key shows {hidden}: {root}");
            }

            Assert.DoesNotContain(Environment.MachineName, root.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(Environment.MachineName, adminRoot.GetProperty("machine").GetString());
        Assert.False(string.IsNullOrEmpty(adminRoot.GetProperty("siloId").GetString()));

        var publicView = await ReadAsync("/v1/cluster", key: null, client: "198.51.100.2");
        var readerView = await ReadAsync("/v1/cluster", ApiSilo.ReadKey, client: null);
        var adminView = await ReadAsync("/v1/cluster", ApiSilo.AdminKey, client: null);
        var siloId = adminView.GetProperty("siloId").GetString()!;
        var address = adminView.GetProperty("endpoint").GetString()!;
        Assert.Contains(adminView.GetProperty("members").EnumerateArray(), m => m.GetProperty("address").GetString()!.Contains(address, StringComparison.Ordinal));
        foreach (var view in new[] { publicView, readerView })
        {
            Assert.Equal("single", view.GetProperty("mode").GetString());
            Assert.Equal("active", view.GetProperty("members")[0].GetProperty("status").GetString());
            Assert.DoesNotContain(siloId, view.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(address, view.ToString(), StringComparison.Ordinal);
            Assert.False(view.TryGetProperty("address", out _));
        }
    }

    [Fact]
    public async Task TheConsoleStillOpensWithoutAKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await Client("127.0.0.1", forwardedFor: "198.51.100.3").SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RateLimitsCountTheForwardedClientOnlyBehindAKnownProxy()
    {
        // Through the known proxy (127.0.0.1): each forwarded client has a bucket of its own.
        await ExhaustAsync(Client("127.0.0.1", forwardedFor: "203.0.113.1"));
        using (var other = await Client("127.0.0.1", forwardedFor: "203.0.113.2").GetAsync("/v1/countries"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        // From 127.0.0.2, which is no proxy of this silo's, the header is ignored: a new forwarded
        // address buys no new bucket, the socket's address is what is counted.
        await ExhaustAsync(Client("127.0.0.2", forwardedFor: "203.0.113.3"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var spoofed = await Client("127.0.0.2", forwardedFor: $"203.0.113.{10 + i}").GetAsync("/v1/countries");
            statuses.Add(spoofed.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task MetricsOnTheApiPortAnswerOnlyThisMachinesOwnCallers()
    {
        using (var local = await Client("127.0.0.1", forwardedFor: null).GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
            Assert.Contains("grid_entity_level", await local.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A client the known proxy forwards, and a relay that is no known proxy, are not local.
        foreach (var client in new[] { Client("127.0.0.1", forwardedFor: "203.0.113.20"), Client("127.0.0.2", forwardedFor: "127.0.0.1") })
        {
            using var relayed = await client.GetAsync("/metrics");
            var problem = await ApiSilo.ProblemAsync(relayed, 403);
            Assert.Contains("Grid:Metrics:Listen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDashboardAnswersLocalCallersAndAdminKeysOnly()
    {
        using (var local = await Client("127.0.0.1", forwardedFor: null).GetAsync("/dashboard/DashboardCounters"))
        {
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        }

        var relayed = Client("127.0.0.1", forwardedFor: "203.0.113.30");
        using (var anonymous = await relayed.GetAsync("/dashboard/DashboardCounters"))
        {
            await ApiSilo.ProblemAsync(anonymous, 401);
        }

        using (var reader = await relayed.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Get, "/dashboard/DashboardCounters")))
        {
            await ApiSilo.ProblemAsync(reader, 403);
        }

        using var admin = await relayed.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/dashboard/DashboardCounters"));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private async Task<JsonElement> ReadAsync(string path, string? key, string? client)
    {
        using var request = key is null ? new HttpRequestMessage(HttpMethod.Get, path) : ApiSilo.With(key, HttpMethod.Get, path);
        using var response = await Client("127.0.0.1", client).SendAsync(request);
        return await ApiSilo.JsonAsync(response);
    }

    /// <summary>Reads until the client's bucket answers 429 (the burst and a refill or two at most).</summary>
    private static async Task ExhaustAsync(HttpClient client)
    {
        for (var i = 0; i < ExposureSilo.Burst * 4; i++)
        {
            using var response = await client.GetAsync("/v1/countries");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }

        Assert.Fail($"{ExposureSilo.Burst * 4} reads got no 429 with a burst of {ExposureSilo.Burst}");
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any 127/8 address is this machine's), sending X-Forwarded-For when given.</summary>
    private HttpClient Client(string localAddress, string? forwardedFor)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = api.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }
}
