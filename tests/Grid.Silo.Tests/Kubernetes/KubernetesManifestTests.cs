namespace Grid.Silo.Tests.Kubernetes;

/// <summary>
/// Issue 9's definition of done for k8s/: every overlay renders with kustomize and every object
/// validates (schemas from kubernetes-models, Grid's own checks for CRDs, references and pod rules).
/// </summary>
public sealed class KubernetesManifestTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task EachOverlayRendersAndEveryObjectValidates(string overlay)
    {
        var validation = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync(overlay));

        Assert.True(validation.ExitCode == 0, validation.Output);
        Assert.Empty(validation.Failures);
        Assert.All(validation.Objects, o => Assert.NotEqual("unknown", o.CheckedBy));
    }

    [Fact]
    public async Task DevIsOneSiloBesideAPostgresStatefulSet()
    {
        var dev = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync("dev"));

        Assert.Equal(1, dev.Single("Deployment", "grid-silo").Replicas);
        Assert.Equal(1, dev.Single("StatefulSet", "grid-postgres").Replicas);
        Assert.Equal("schema", dev.Single("Service", "grid-postgres").CheckedBy);
        SilosHaveTheirCommonObjects(dev, "grid-dev");
        Assert.Contains(dev.Objects, o => o.Kind == "Secret" && o.Name.StartsWith("grid-postgres-app", StringComparison.Ordinal));
        Assert.False(dev.Has("HorizontalPodAutoscaler"));
        Assert.False(dev.Has("Cluster"));
        Assert.All(dev.Objects, o => Assert.Empty(o.AddedCapabilities));
    }

    [Fact]
    public async Task ProdRunsThreeAutoscaledSilosWithADisruptionBudgetAndCloudNativePg()
    {
        var prod = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync("prod"));

        Assert.Equal(3, prod.Single("Deployment", "grid-silo").Replicas);
        Assert.Equal("schema", prod.Single("HorizontalPodAutoscaler", "grid-silo").CheckedBy);
        Assert.Equal("schema", prod.Single("PodDisruptionBudget", "grid-silo").CheckedBy);
        var postgres = prod.Single("Cluster", "grid-postgres");
        Assert.Equal(("postgresql.cnpg.io/v1", "crd", 3), (postgres.ApiVersion, postgres.CheckedBy, postgres.Replicas));
        SilosHaveTheirCommonObjects(prod, "grid");
        Assert.False(prod.Has("StatefulSet"));
    }

    [Fact]
    public async Task OnlyTheProberGetsNetRaw()
    {
        var prod = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync("prod"));

        Assert.Equal(["NET_RAW"], prod.Single("Deployment", "grid-prober").AddedCapabilities);
        Assert.Equal(1, prod.Single("Deployment", "grid-prober").Replicas);
        Assert.All(prod.Objects.Where(o => o.Name != "grid-prober"), o => Assert.Empty(o.AddedCapabilities));
        Assert.Equal("schema", prod.Single("NetworkPolicy", "grid-prober-egress").CheckedBy);
    }

    [Fact]
    public async Task ValidatorRejectsWrongTypesMissingReferencesAndNetRawOutsideTheProber()
    {
        var prod = await RenderedManifests.RenderAsync("prod");
        var broken = prod
            .Replace("replicas: 3", "replicas: three", StringComparison.Ordinal)
            .Replace("capabilities:\n            drop:", "capabilities:\n            add:\n            - NET_RAW\n            drop:", StringComparison.Ordinal)
            .Replace("name: grid-api-keys\n            optional: true", "name: grid-api-keys\n            optional: false", StringComparison.Ordinal)
            .Replace("path: /readyz", "path: /ready", StringComparison.Ordinal);

        var validation = await RenderedManifests.ValidateAsync(broken);

        Assert.Equal(1, validation.ExitCode);
        Assert.Contains(validation.Failures, f => f.StartsWith("Deployment/grid-silo: schema:", StringComparison.Ordinal) && f.Contains("replicas must be integer", StringComparison.Ordinal));
        Assert.Contains("Deployment/grid-silo: container silo: adds NET_RAW; only the prober may add NET_RAW", validation.Failures);
        Assert.Contains("Deployment/grid-silo: reads Secret grid-api-keys, which this rendering does not contain", validation.Failures);
        Assert.Contains("Deployment/grid-prober: container silo: readiness probe must be GET /readyz", validation.Failures);
    }

    [Fact]
    public async Task AKindWithoutAModelFailsInsteadOfPassingUnchecked()
    {
        var validation = await RenderedManifests.ValidateAsync(
            "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaller\nmetadata:\n  name: grid-silo\nspec: {}\n");

        Assert.Equal(1, validation.ExitCode);
        Assert.Equal(["HorizontalPodAutoscaller/grid-silo: autoscaling/v2 HorizontalPodAutoscaller has no model and is not a CRD this script knows"], validation.Failures);
    }

    private static void SilosHaveTheirCommonObjects(ManifestValidation rendering, string expectedNamespace)
    {
        Assert.Equal("schema", rendering.Single("Deployment", "grid-silo").CheckedBy);
        Assert.Equal("schema", rendering.Single("Service", "grid-api").CheckedBy);
        Assert.Equal("schema", rendering.Single("Service", "grid-silo").CheckedBy);
        Assert.Equal("schema", rendering.Single("ConfigMap", "grid-config").CheckedBy);
        Assert.Equal("schema", rendering.Single("NetworkPolicy", "grid-silo").CheckedBy);
        Assert.Equal("schema", rendering.Single("ServiceAccount", "grid-silo").CheckedBy);
        Assert.Equal("schema", rendering.Single("Role", "grid-silo").CheckedBy);
        Assert.Equal("schema", rendering.Single("RoleBinding", "grid-silo").CheckedBy);
        Assert.Equal("crd", rendering.Single("ServiceMonitor", "grid").CheckedBy);
        Assert.Contains(rendering.Objects, o => o.Kind == "ConfigMap" && o.Name.StartsWith("grid-dashboards-", StringComparison.Ordinal));
        Assert.All(rendering.Objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal(expectedNamespace, o.Namespace));
    }
}
