using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Grid.Grains.Access;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// Issue 21, finding 1: in cluster mode the silo and gateway ports speak mutual TLS, and only a
/// holder of a certificate from the cluster's CA gets a grain to answer: not a plain TCP client,
/// not a TLS client without a certificate, not an Orleans client with a certificate of its own
/// making. A cluster silo without TLS settings does not start, and says what to set.
/// </summary>
public sealed class ClusterTlsTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Verdict = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long an Orleans client without the cluster's certificate is given: it retries its gateway
    /// until then. The one with the certificate answers within a few seconds.
    /// </summary>
    private static readonly TimeSpan RefusedClient = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OnlyAHolderOfTheClustersCertificateGetsAGrainToAnswer()
    {
        var database = await postgres.CreateDatabaseAsync("cluster_tls");
        await using var cluster = await SiloCluster.StartAsync(database, 1, new Dictionary<string, string?> { ["Grid__Feeds__RisLive__Enabled"] = "false" });
        var silo = cluster.Silos[0];
        using var stranger = ClusterTlsFiles.Create("Stranger");
        using var right = cluster.Tls.LoadCertificate();
        using var wrong = stranger.LoadCertificate();
        var gateway = cluster.GatewayPortOf(silo);
        var ports = new[] { ("silo", cluster.SiloPortOf(silo)), ("gateway", gateway) };

        foreach (var (name, port) in ports)
        {
            // The cluster's own certificate completes a mutual handshake: the ports do speak TLS.
            Assert.True(await HandshakeAsync(port, right), $"the {name} port completes a mutual TLS handshake with the cluster's certificate");
            var (plaintext, anonymous, foreign) = (await PlaintextAsync(port), await TlsRefusalAsync(port, clientCertificate: null), await TlsRefusalAsync(port, wrong));
            output.WriteLine($"{name} port: plain TCP {plaintext}; TLS without a certificate {anonymous}; TLS with a stranger's certificate {foreign}");
            Assert.StartsWith("closed", plaintext, StringComparison.Ordinal);
            Assert.StartsWith("refused", anonymous, StringComparison.Ordinal);
            Assert.StartsWith("refused", foreign, StringComparison.Ordinal);
        }

        // The attack of finding 1 was a grain call that added an admin key. An Orleans client
        // without TLS, or with a self-made certificate (which it presents, accepting any server),
        // gets nothing; one with the cluster's certificate gets the key registry to answer, and it
        // holds no key the others tried to add.
        var plain = await CallKeyRegistryAsync(gateway, certificate: null);
        var forged = await CallKeyRegistryAsync(gateway, wrong);
        var answered = await CallKeyRegistryAsync(gateway, right);
        output.WriteLine($"no TLS: {plain}; stranger's certificate: {forged}; cluster certificate: {answered}");
        Assert.StartsWith("failed", plain, StringComparison.Ordinal);
        Assert.StartsWith("failed", forged, StringComparison.Ordinal);
        Assert.Equal("answered: keys []", answered);
        Assert.False(silo.HasExited);
    }

    [Fact]
    public async Task ClusterModeWithoutTlsSettingsExitsNonZeroAndSaysWhatToSet()
    {
        var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Password = "hunter2-secret" }.ConnectionString;

        var bare = await RefusedAsync(new() { ["Grid__Cluster__Postgres"] = connection, ["Grid__Cluster__AdvertisedAddress"] = "127.0.0.1" });
        Assert.Contains("Grid:Cluster:Tls:Certificate", bare, StringComparison.Ordinal);
        Assert.Contains("Grid:Cluster:AllowPlaintext=true", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", bare, StringComparison.Ordinal);

        var exposed = await RefusedAsync(new() { ["Grid__Cluster__Postgres"] = connection, ["Grid__Cluster__AdvertisedAddress"] = "10.1.2.3", ["Grid__Cluster__AllowPlaintext"] = "true" });
        Assert.Contains("honoured only on loopback", exposed, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3", exposed, StringComparison.Ordinal);

        using var files = ClusterTlsFiles.Create();
        var missing = await RefusedAsync(new(files.Environment) { ["Grid__Cluster__Postgres"] = connection, ["Grid__Cluster__Tls__Key"] = "/nonexistent/tls.key" });
        Assert.Contains("Grid:Cluster:Tls:Key names /nonexistent/tls.key, which does not exist", missing, StringComparison.Ordinal);

        using var other = ClusterTlsFiles.Create("Other");
        var foreign = await RefusedAsync(new(files.Environment) { ["Grid__Cluster__Postgres"] = connection, ["Grid__Cluster__Tls__CA"] = other.CaPath });
        Assert.Contains("does not chain to Grid:Cluster:Tls:CA", foreign, StringComparison.Ordinal);

        var partial = await RefusedAsync(new() { ["Grid__Cluster__Postgres"] = connection, ["Grid__Cluster__Tls__Certificate"] = files.CertificatePath });
        Assert.Contains("set Grid:Cluster:Tls:Key and Grid:Cluster:Tls:CA", partial, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaintextIsAllowedOnLoopbackWhenAskedFor()
    {
        var database = await postgres.CreateDatabaseAsync("cluster_plain");
        await using var silo = await SiloProcess.StartAsync([], new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Cluster__Postgres"] = database,
            ["Grid__Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Grid__Cluster__AllowPlaintext"] = "true",
        });

        // A loaded machine may take a while to bring the silo into the membership: it is asked until it answers.
        var mode = "";
        await Poll.UntilAsync("the plaintext cluster silo answers /v1/cluster", async () =>
        {
            using var response = await silo.Http.GetAsync("/v1/cluster");
            mode = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mode").GetString()! : "";
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(120));
        Assert.Equal("cluster", mode);
    }

    /// <summary>Starts a silo that must refuse: its exit code is 3 and what it printed is returned.</summary>
    private static async Task<string> RefusedAsync(Dictionary<string, string?> environment)
    {
        environment["Grid__Feeds__RisLive__Enabled"] = "false";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync([], environment));
        Assert.Contains("exited with code 3 ", error.Message, StringComparison.Ordinal);
        return error.Message;
    }

    /// <summary>A mutual TLS handshake presenting <paramref name="certificate"/>; true when both sides authenticated.</summary>
    private static async Task<bool> HandshakeAsync(int port, X509Certificate2 certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(Verdict);
        await tls.AuthenticateAsClientAsync(Options(certificate), timeout.Token);
        return tls.IsMutuallyAuthenticated;
    }

    /// <summary>What a client that speaks no TLS meets: the port closes the connection without an answer.</summary>
    private static async Task<string> PlaintextAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(Verdict);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /v1/cluster HTTP/1.1\r\nHost: silo\r\n\r\n"), timeout.Token);
            var buffer = new byte[4096];
            var received = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return $"closed after {received} bytes";
                }

                received += read;
                // A TLS alert record (content type 21, RFC 8446 §5.1) is all a server may send before closing.
                Assert.Equal(21, buffer[0]);
            }
        }
        catch (IOException ex)
        {
            return $"closed ({ex.Message})";
        }
    }

    /// <summary>
    /// A TLS client that presents <paramref name="clientCertificate"/> (or none) and accepts any
    /// server. With TLS 1.3 the client's handshake may end before the server has judged its
    /// certificate, so the verdict is read from the first read as well: an error or the end.
    /// </summary>
    private static async Task<string> TlsRefusalAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(Verdict);
        try
        {
            await tls.AuthenticateAsClientAsync(Options(clientCertificate), timeout.Token);
            var read = await tls.ReadAsync(new byte[1], timeout.Token);
            return read == 0 ? "refused: closed after the handshake" : "admitted: the server sent data";
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
        {
            return $"refused: {ex.GetType().Name}";
        }
    }

    private static SslClientAuthenticationOptions Options(X509Certificate2? certificate) => new()
    {
        TargetHost = "grid-silo",
        RemoteCertificateValidationCallback = (_, _, _, _) => true,
        ClientCertificates = certificate is null ? null : [certificate],
        LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
    };

    /// <summary>
    /// An Orleans client on the gateway, over TLS with <paramref name="certificate"/> (or without TLS),
    /// that lists the API key registry; a client without the cluster's certificate then tries to add
    /// an admin key, as the attack of finding 1 did.
    /// </summary>
    private static async Task<string> CallKeyRegistryAsync(int gateway, X509Certificate2? certificate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("grid", "grid"));
            if (certificate is not null)
            {
                client.UseTls(certificate, o =>
                {
                    o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    o.AllowAnyRemoteCertificate();
                });
            }
        });
        using var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(certificate is null || certificate.Subject.Contains("Stranger", StringComparison.Ordinal) ? RefusedClient : Verdict);
            var registry = host.Services.GetRequiredService<IClusterClient>().GetGrain<IApiKeysGrain>(IApiKeysGrain.Key);
            var keys = await registry.List().WaitAsync(Verdict);
            if (certificate is null || certificate.Subject.Contains("Stranger", StringComparison.Ordinal))
            {
                await registry.Add(new StoredApiKey("intruder", "intruder", ["admin"], new string('0', 64), DateTimeOffset.UtcNow)).WaitAsync(Verdict);
            }

            return $"answered: keys [{string.Join(", ", keys.Select(k => k.Name))}]";
        }
        catch (Exception ex)
        {
            return $"failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
        }
        finally
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // A client that never connected may fail to stop cleanly; it holds nothing.
            }
        }
    }
}
