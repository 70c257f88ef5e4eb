using System.Text.Json;
using Grid.Silo.Hosting.Cluster;
using Grid.Testing.Data;
using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Kubernetes;

/// <summary>
/// Issue 21 in k8s/ (items 1 and 9), as k8s/validate.mjs asserts them on both overlays: the silos
/// read their cluster TLS files from a mounted Secret; /metrics has a port of its own that only
/// metrics namespaces reach and the ServiceMonitor scrapes; egress never reaches link-local
/// (metadata) addresses, and internet-wide rules except the private ranges; the prober serves no API.
/// </summary>
public sealed class ExposureManifestTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task EachOverlayKeepsMetricsMetadataPrivateRangesAndTheProberInside(string overlay)
    {
        var rendering = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync(overlay));
        Assert.True(rendering.ExitCode == 0, rendering.Output);

        var api = rendering.Single("Service", "grid-api").Manifest.GetProperty("spec").GetProperty("selector");
        Assert.Equal("silo", api.GetProperty("app.kubernetes.io/component").GetString());
        var monitor = rendering.Single("ServiceMonitor", "grid").Manifest.GetProperty("spec");
        Assert.Equal("metrics", Assert.Single(monitor.GetProperty("endpoints").EnumerateArray()).GetProperty("port").GetString());
        var config = rendering.Single("ConfigMap", "grid-config").Manifest.GetProperty("data");
        Assert.Equal("0.0.0.0:9464", config.GetProperty("Grid__Metrics__Listen").GetString());
        Assert.Equal("/etc/grid/cluster-tls/tls.crt", config.GetProperty("Grid__Cluster__Tls__Certificate").GetString());

        var blocks = rendering.Objects.Where(o => o.Kind == "NetworkPolicy")
            .SelectMany(p => p.Manifest.GetProperty("spec").TryGetProperty("egress", out var egress) ? egress.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(r => r.TryGetProperty("to", out var to) ? to.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(peer => peer.TryGetProperty("ipBlock", out _)).Select(peer => peer.GetProperty("ipBlock")).ToList();
        var internet = blocks.Where(b => b.GetProperty("cidr").GetString() == "0.0.0.0/0").ToList();
        Assert.NotEmpty(internet);
        Assert.All(internet, b => Assert.Superset(
            new HashSet<string> { "169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" },
            b.GetProperty("except").EnumerateArray().Select(e => e.GetString()!).ToHashSet()));
        Assert.DoesNotContain(blocks, b => b.GetProperty("cidr").GetString()!.StartsWith("169.254.", StringComparison.Ordinal));

        var volumes = rendering.Single("Deployment", "grid-silo").Manifest.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("volumes");
        Assert.StartsWith("grid-cluster-tls", volumes.EnumerateArray().Single(v => v.GetProperty("name").GetString() == "cluster-tls").GetProperty("secret").GetProperty("secretName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatorRejectsMetadataEgressAnApiServingProberPlaintextAndMetricsOnTheApiPort()
    {
        var prod = await RenderedManifests.RenderAsync("prod");
        var broken = prod
            .Replace("        cidr: 0.0.0.0/0\n        except:\n        - 169.254.0.0/16\n", "        cidr: 0.0.0.0/0\n        except:\n", StringComparison.Ordinal)
            .Replace("  selector:\n    app.kubernetes.io/component: silo\n    app.kubernetes.io/name: grid\n  type: ClusterIP", "  selector:\n    app.kubernetes.io/name: grid\n  type: ClusterIP", StringComparison.Ordinal)
            .Replace("  Grid__Metrics__Listen: 0.0.0.0:9464\n", "  Grid__Cluster__AllowPlaintext: \"true\"\n", StringComparison.Ordinal)
            .Replace("    port: metrics\n", "    port: http\n", StringComparison.Ordinal)
            .Replace("  - from:\n    - namespaceSelector:\n        matchLabels:\n          grid.observatory/metrics-access: \"true\"\n", "  - from:\n    - podSelector: {}\n", StringComparison.Ordinal);
        var dev = (await RenderedManifests.RenderAsync("dev"))
            .Replace("cidr: 10.0.0.0/8", "cidr: 169.254.169.254/32", StringComparison.Ordinal)
            .Replace("cidr: 172.16.0.0/12", "cidr: 169.0.0.0/8", StringComparison.Ordinal);

        var validation = await RenderedManifests.ValidateAsync(broken);
        var devValidation = await RenderedManifests.ValidateAsync(dev);

        Assert.Equal(1, validation.ExitCode);
        Assert.Contains("NetworkPolicy/grid-silo: egress to 0.0.0.0/0 must except 169.254.0.0/16 (metadata and private addresses)", validation.Failures);
        Assert.Contains("NetworkPolicy/grid-prober-egress: egress to 0.0.0.0/0 must except 169.254.0.0/16 (metadata and private addresses)", validation.Failures);
        Assert.Contains("Service/grid-api: serves the API and selects the prober's pods (grid-prober): select app.kubernetes.io/component: silo", validation.Failures);
        Assert.Contains("Deployment/grid-silo: container silo: Grid__Cluster__AllowPlaintext is for loopback only; give the silos TLS files", validation.Failures);
        Assert.Contains("Deployment/grid-prober: container silo: set Grid__Metrics__Listen, so /metrics leaves the API's port", validation.Failures);
        Assert.Contains("ServiceMonitor/grid: scrapes port http: scrape the port named metrics (Grid__Metrics__Listen)", validation.Failures);
        Assert.Equal(1, devValidation.ExitCode);
        Assert.Contains("NetworkPolicy/grid-silo: egress to 169.254.169.254/32 reaches 169.254.0.0/16 (cloud metadata): except it", devValidation.Failures);
        Assert.Contains("NetworkPolicy/grid-silo: egress to 169.0.0.0/8 reaches 169.254.0.0/16 (cloud metadata): except it", devValidation.Failures);
    }

    [Fact]
    public async Task ValidatorRejectsAClusterSiloWithoutItsTlsSecretOrAMetricsPortOpenToAll()
    {
        var dev = await RenderedManifests.RenderAsync("dev");
        var broken = dev
            .Replace("  Grid__Cluster__Tls__Key: /etc/grid/cluster-tls/tls.key\n", "  Grid__Cluster__Tls__Key: /tmp/tls.key\n", StringComparison.Ordinal)
            .Replace("  Grid__Cluster__Tls__CA: /etc/grid/cluster-tls/ca.crt\n", "", StringComparison.Ordinal)
            .Replace("  - from:\n    - namespaceSelector:\n        matchLabels:\n          grid.observatory/metrics-access: \"true\"\n", "  - from:\n    - podSelector: {}\n", StringComparison.Ordinal);

        var validation = await RenderedManifests.ValidateAsync(broken);

        Assert.Equal(1, validation.ExitCode);
        Assert.Contains("Deployment/grid-silo: container silo: Grid__Cluster__Tls__Key (/tmp/tls.key) must be a file of a mounted Secret", validation.Failures);
        Assert.Contains("Deployment/grid-silo: container silo: cluster mode needs Grid__Cluster__Tls__CA (mutual TLS between silos)", validation.Failures);
        Assert.Contains("NetworkPolicy/grid-silo: opens the metrics port 9464 to more than the namespaces labelled grid.observatory/metrics-access=true", validation.Failures);
    }

    [Fact]
    public async Task TheCertificateScriptAndTheDevOverlaysFilesAreWhatASiloAccepts()
    {
        using var directory = new TemporaryDirectory("grid-tls-script-");
        var script = Path.Combine(RenderedManifests.K8sDirectory, "make-cluster-tls.sh");
        var made = await ExternalCommand.RunAsync("bash", [script, directory.Path]);
        Assert.True(made.ExitCode == 0, made.Output);

        foreach (var folder in new[] { directory.Path, Path.Combine(RenderedManifests.K8sDirectory, "overlays", "dev", "cluster-tls") })
        {
            var credentials = ClusterCredentials.Load(new ClusterTlsOptions
            {
                Certificate = Path.Combine(folder, "tls.crt"),
                Key = Path.Combine(folder, "tls.key"),
                CA = Path.Combine(folder, "ca.crt"),
            }, DateTimeOffset.UtcNow);
            Assert.True(credentials.Certificate.HasPrivateKey);
            Assert.True(credentials.Admits(credentials.Certificate));
        }
    }
}
