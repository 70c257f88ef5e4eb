using System.Text.Json;

namespace Grid.Silo.Tests.Kubernetes;

/// <summary>
/// The shape Microsoft.Orleans.Hosting.Kubernetes 10.4.2 (<c>UseKubernetesHosting</c>) needs from the
/// silo pods, read from each rendered overlay: POD_NAME, POD_NAMESPACE and POD_IP from the downward
/// API; ClusterOptions from the pod labels orleans/serviceId and orleans/clusterId (through
/// ORLEANS_SERVICE_ID and ORLEANS_CLUSTER_ID); a token and a Role with get, list, watch and patch on
/// pods (it reads and relabels its own pod, lists and watches the cluster's); the silo and gateway
/// ports, open only to the silos while silo-to-silo traffic is cleartext.
/// </summary>
public sealed class OrleansHostingManifestTests
{
    private static readonly string[] OrleansPodVerbs = ["get", "list", "watch", "patch"];

    [Theory]
    [InlineData("dev", new[] { "grid-silo" })]
    [InlineData("prod", new[] { "grid-silo", "grid-prober" })]
    public async Task EverySiloRunsUnderAServiceAccountBoundToTheRoleOrleansNeeds(string overlay, string[] silos)
    {
        var rendering = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync(overlay));

        var role = rendering.Single("Role", "grid-silo");
        Assert.Equal("schema", role.CheckedBy);
        var podRules = role.Manifest.GetProperty("rules").EnumerateArray()
            .Where(r => Strings(r, "apiGroups").Contains("") && Strings(r, "resources").Contains("pods"))
            .ToList();
        var verbs = podRules.SelectMany(r => Strings(r, "verbs")).ToHashSet(StringComparer.Ordinal);
        Assert.All(OrleansPodVerbs, v => Assert.Contains(v, verbs));
        // DeleteDefunctSiloPods is off (Orleans' default), so the silos cannot delete pods.
        Assert.DoesNotContain("delete", verbs);
        Assert.DoesNotContain("*", verbs);
        Assert.Equal(["pods"], role.Manifest.GetProperty("rules").EnumerateArray().SelectMany(r => Strings(r, "resources")).Distinct());

        var binding = rendering.Single("RoleBinding", "grid-silo");
        Assert.Equal("schema", binding.CheckedBy);
        var roleRef = binding.Manifest.GetProperty("roleRef");
        Assert.Equal(("Role", "grid-silo"), (roleRef.GetProperty("kind").GetString(), roleRef.GetProperty("name").GetString()));
        Assert.Equal(role.Namespace, binding.Namespace);

        Assert.All(silos, name =>
        {
            var pod = PodSpec(rendering.Single("Deployment", name));
            var account = pod.GetProperty("serviceAccountName").GetString();
            Assert.Equal("grid-silo", account);
            Assert.Equal("schema", rendering.Single("ServiceAccount", account!).CheckedBy);
            Assert.True(pod.GetProperty("automountServiceAccountToken").GetBoolean(), $"{name}: UseKubernetesHosting needs the pod's token");
            Assert.Contains(binding.Manifest.GetProperty("subjects").EnumerateArray(), s =>
                s.GetProperty("kind").GetString() == "ServiceAccount" && s.GetProperty("name").GetString() == account &&
                s.GetProperty("namespace").GetString() == rendering.Single("Deployment", name).Namespace);
        });
    }

    [Theory]
    [InlineData("dev", new[] { "grid-silo" })]
    [InlineData("prod", new[] { "grid-silo", "grid-prober" })]
    public async Task EverySiloCarriesTheOrleansLabelsAndReadsThemAndItsPodThroughTheDownwardApi(string overlay, string[] silos)
    {
        var rendering = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync(overlay));

        Assert.All(silos, name =>
        {
            var deployment = rendering.Single("Deployment", name);
            var labels = deployment.Manifest.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
            Assert.Equal("grid", labels.GetProperty("orleans/serviceId").GetString());
            Assert.Equal("grid", labels.GetProperty("orleans/clusterId").GetString());

            var env = Env(deployment);
            Assert.Equal("metadata.labels['orleans/serviceId']", FieldRef(env, "ORLEANS_SERVICE_ID"));
            Assert.Equal("metadata.labels['orleans/clusterId']", FieldRef(env, "ORLEANS_CLUSTER_ID"));
            Assert.Equal("metadata.name", FieldRef(env, "POD_NAME"));
            Assert.Equal("metadata.namespace", FieldRef(env, "POD_NAMESPACE"));
            Assert.Equal("status.podIP", FieldRef(env, "POD_IP"));
            Assert.True(env.ContainsKey("Grid__Cluster__Postgres"), $"{name}: cluster mode on the overlay's PostgreSQL");
            Assert.DoesNotContain(env.Keys, k => k is "Grid__Cluster__Listen" or "Grid__Cluster__AdvertisedAddress" or "Grid__Cluster__SiloId");
        });
    }

    [Theory]
    [InlineData("dev", new[] { "grid-silo" })]
    [InlineData("prod", new[] { "grid-silo", "grid-prober" })]
    public async Task OrleansPortsAreDeclaredAndTheNetworkPolicyOpensThemToSilosOnly(string overlay, string[] silos)
    {
        var rendering = await RenderedManifests.ValidateAsync(await RenderedManifests.RenderAsync(overlay));

        Assert.All(silos, name =>
        {
            var deployment = rendering.Single("Deployment", name);
            var ports = Container(deployment).GetProperty("ports").EnumerateArray()
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("containerPort").GetInt32());
            Assert.Equal(5080, ports["http"]);
            Assert.Equal(11111, ports["silo"]);
            Assert.Equal(30000, ports["gateway"]);
            Assert.DoesNotContain(5090, ports.Values);
            var env = Env(deployment);
            Assert.Equal("11111", env["Grid__Cluster__SiloPort"].GetProperty("value").GetString());
            Assert.Equal("30000", env["Grid__Cluster__GatewayPort"].GetProperty("value").GetString());
        });

        var policy = rendering.Single("NetworkPolicy", "grid-silo").Manifest.GetProperty("spec");
        var siloLabels = rendering.Single("Deployment", "grid-silo").Manifest.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
        Assert.True(Selects(policy.GetProperty("podSelector"), siloLabels));
        var ingress = policy.GetProperty("ingress").EnumerateArray().ToList();
        foreach (var port in new[] { 11111, 30000 })
        {
            var rules = ingress.Where(r => !r.TryGetProperty("ports", out var ps) || ps.EnumerateArray().Any(p => p.GetProperty("port").GetInt32() == port)).ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules, r => Assert.All(r.GetProperty("from").EnumerateArray(), peer =>
            {
                Assert.False(peer.TryGetProperty("namespaceSelector", out _), $"port {port}: no other namespace");
                Assert.False(peer.TryGetProperty("ipBlock", out _), $"port {port}: no address block");
                var selector = peer.GetProperty("podSelector");
                Assert.Equal("grid", selector.GetProperty("matchLabels").GetProperty("orleans/serviceId").GetString());
                Assert.True(Selects(selector, siloLabels), $"port {port}: the silos themselves are let in");
            }));
            Assert.Contains(policy.GetProperty("egress").EnumerateArray(), r =>
                r.GetProperty("ports").EnumerateArray().Any(p => p.GetProperty("port").GetInt32() == port) &&
                r.GetProperty("to").EnumerateArray().All(peer => Selects(peer.GetProperty("podSelector"), siloLabels)));
        }
        Assert.DoesNotContain(ingress.SelectMany(r => r.GetProperty("ports").EnumerateArray()), p => p.GetProperty("port").GetInt32() == 5090);

        var peers = rendering.Single("Service", "grid-silo").Manifest.GetProperty("spec");
        Assert.Equal("None", peers.GetProperty("clusterIP").GetString());
        Assert.Equal(new (string?, int)[] { ("silo", 11111), ("gateway", 30000) },
            peers.GetProperty("ports").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("port").GetInt32())));
    }

    [Fact]
    public async Task ValidatorRejectsASiloThatOrleansCannotHostOnKubernetes()
    {
        var prod = await RenderedManifests.RenderAsync("prod");
        var broken = Replace(prod,
            ("  - watch\n  - patch\n", "  - watch\n"),
            ("fieldPath: metadata.namespace", "fieldPath: metadata.name"),
            ("        orleans/clusterId: grid\n", ""),
            ("automountServiceAccountToken: true", "automountServiceAccountToken: false"),
            ("containerPort: 11111", "containerPort: 11112"),
            ("  - from:\n    - podSelector:\n        matchLabels:\n          app.kubernetes.io/name: grid\n          orleans/serviceId: grid\n",
             "  - from:\n    - podSelector: {}\n"));

        var validation = await RenderedManifests.ValidateAsync(broken);

        Assert.Equal(1, validation.ExitCode);
        foreach (var workload in new[] { "Deployment/grid-silo", "Deployment/grid-prober" })
        {
            Assert.Contains($"{workload}: container silo: service account grid-silo needs a Role bound to it with patch on pods (Orleans' Kubernetes hosting)", validation.Failures);
            Assert.Contains($"{workload}: container silo: POD_NAMESPACE must come from the downward API (fieldRef metadata.namespace)", validation.Failures);
            Assert.Contains($"{workload}: container silo: the pod template needs the label orleans/clusterId (Orleans' ClusterOptions)", validation.Failures);
            Assert.Contains($"{workload}: container silo: UseKubernetesHosting needs the service account token (automountServiceAccountToken: true)", validation.Failures);
            Assert.Contains($"{workload}: container silo: needs a container port named silo on 11111 (Grid__Cluster__SiloPort)", validation.Failures);
        }
        Assert.Contains("NetworkPolicy/grid-silo: opens the silo port 11111 to more than the silos (from: only podSelectors with orleans/serviceId: grid)", validation.Failures);
        Assert.Contains("NetworkPolicy/grid-silo: opens the gateway port 30000 to more than the silos (from: only podSelectors with orleans/serviceId: grid)", validation.Failures);
    }

    [Fact]
    public async Task ValidatorRejectsTheRetiredRuntimesClusterSettings()
    {
        var prod = await RenderedManifests.RenderAsync("prod");
        var retired = prod.Replace("        - name: Grid__Cluster__SiloPort\n",
            "        - name: Grid__Cluster__Listen\n          value: http://0.0.0.0:5090\n        - name: Grid__Cluster__SiloPort\n", StringComparison.Ordinal);
        Assert.NotEqual(prod, retired);

        var validation = await RenderedManifests.ValidateAsync(retired);

        Assert.Contains("Deployment/grid-silo: container silo: Grid__Cluster__Listen belongs to the retired grain runtime; Orleans takes POD_NAME and POD_IP", validation.Failures);
    }

    private static string Replace(string text, params (string Old, string New)[] edits)
    {
        foreach (var (old, replacement) in edits)
        {
            Assert.Contains(old, text, StringComparison.Ordinal);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonElement PodSpec(ManifestObject workload) => workload.Manifest.GetProperty("spec").GetProperty("template").GetProperty("spec");

    private static JsonElement Container(ManifestObject workload) =>
        PodSpec(workload).GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "silo");

    private static Dictionary<string, JsonElement> Env(ManifestObject workload) =>
        Container(workload).GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, StringComparer.Ordinal);

    private static string? FieldRef(Dictionary<string, JsonElement> env, string name) =>
        env.TryGetValue(name, out var entry) && entry.TryGetProperty("valueFrom", out var from) && from.TryGetProperty("fieldRef", out var field)
            ? field.GetProperty("fieldPath").GetString()
            : null;

    private static IEnumerable<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(e => e.GetString() ?? "") : [];

    private static bool Selects(JsonElement selector, JsonElement labels) =>
        !selector.TryGetProperty("matchExpressions", out _) &&
        (!selector.TryGetProperty("matchLabels", out var match) ||
         match.EnumerateObject().All(l => labels.TryGetProperty(l.Name, out var v) && v.GetString() == l.Value.GetString()));
}
