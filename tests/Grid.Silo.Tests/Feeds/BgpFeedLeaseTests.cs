using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Grid.Bgp.Messages;
using Grid.Geography;
using Grid.Silo.Feeds.Leases;
using Grid.Silo.Feeds;
using Grid.Silo.Feeds.Bgp;
using Grid.Silo.Hosting;
using Grid.Testing.Bgp;
using Grid.Testing.Processes;
using Grid.Silo.Api;
using Grid.Silo.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Silo.Tests.Feeds;

/// <summary>
/// The BGP feed in a real silo host (Kestrel on a free port, the real speaker on another) under a
/// lease the test grants and revokes: it listens only while the lease is held, closes its sessions
/// with Cease/Administrative Shutdown when the lease goes, waits in standby, and comes back.
/// </summary>
public sealed class BgpFeedLeaseTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly IPAddress Loopback = IPAddress.Loopback;

    [Fact]
    public async Task TheBgpFeedListensOnlyWhileItHoldsTheRoutingLease()
    {
        var leases = new TogglingLeases();
        var bgp = new IPEndPoint(Loopback, LoopbackPort.FindFree());
        await using var app = await StartSiloAsync(leases, bgp);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        // Not granted yet: standby, and nothing listens.
        var standby = await WaitForFeedAsync(http, FeedStates.Standby);
        Assert.Contains("`routing` lease", standby.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await AcceptsAsync(bgp));

        leases.Grant();
        await WaitForFeedAsync(http, FeedStates.Running);
        using var cancel = new CancellationTokenSource(Wait);
        await using (var neighbor = await ScriptedBgpPeer.EstablishAsync(bgp, ScriptedBgpPeer.Open(64500, IPAddress.Parse("192.0.2.9")), cancel.Token))
        {
            leases.Revoke();

            // RFC 4486 §4 subcode 2, with the reason as shutdown communication (RFC 9003).
            var notification = await neighbor.ReadNotificationAsync(cancel.Token);
            Assert.NotNull(notification);
            Assert.Equal(BgpErrorCode.Cease, notification.Code);
            Assert.Equal((byte)CeaseSubcode.AdministrativeShutdown, notification.Subcode);
            Assert.True(notification.TryGetShutdownCommunication(out var communication));
            Assert.Equal(BgpSessionFeed.LeaseMovedCommunication, communication);
            Assert.True(await neighbor.ClosedAsync(cancel.Token));
        }

        await WaitForFeedAsync(http, FeedStates.Standby);
        Assert.False(await AcceptsAsync(bgp));

        // The lease comes back (a later holder: a larger fencing token): listening again, sessions welcome.
        leases.Grant();
        await WaitForFeedAsync(http, FeedStates.Running);
        await using var again = await ScriptedBgpPeer.EstablishAsync(bgp, ScriptedBgpPeer.Open(64500, IPAddress.Parse("192.0.2.9")), cancel.Token);
        Assert.Equal(43, leases.LastToken);
    }

    private static async Task<WebApplication> StartSiloAsync(IExclusiveLeases leases, IPEndPoint bgp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPort.FindFree()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grid:Feeds:RisLive:Enabled"] = "false",
            ["Grid:Bgp:Listen"] = bgp.ToString(),
            ["Grid:Bgp:LocalAs"] = "64512",
            ["Grid:Bgp:RouterId"] = "192.0.2.1",
            ["Grid:Bgp:Peers:0:Address"] = "127.0.0.1",
            ["Grid:Bgp:Peers:0:As"] = "64500",
            ["Grid:Bgp:Peers:0:Passive"] = "true",
            ["Grid:Cluster:SiloPort"] = LoopbackPort.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Grid:Cluster:GatewayPort"] = LoopbackPort.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Grid:Dashboard:Enabled"] = "false",
        });
        builder.AddGridOrleans();
        builder.Services.AddSingleton<IGeography>(new UnknownGeography());
        builder.AddGridVisibility();
        builder.AddGridDetection();
        builder.AddGridFeeds();
        builder.Services.AddSingleton(leases);
        // /v1/feeds carries the API's read access and CORS policy, as in the silo.
        builder.AddGridApi();
        builder.AddGridApiKeys();
        var app = builder.Build();
        app.UseGridApi();
        app.MapGridFeeds();
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> WaitForFeedAsync(HttpClient http, string state)
    {
        JsonElement found = default;
        await Poll.UntilAsync($"the bgp feed is {state}", async () =>
        {
            var feeds = await http.GetFromJsonAsync<JsonElement>("/v1/feeds");
            found = feeds.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == BgpSessionFeed.Name);
            return found.ValueKind == JsonValueKind.Object && found.GetProperty("state").GetString() == state;
        }, Wait);
        return found;
    }

    private static async Task<bool> AcceptsAsync(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
