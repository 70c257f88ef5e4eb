using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Kubernetes;

/// <summary>One object of a rendering, as k8s/validate.mjs summarises it, with the object itself (<see cref="Manifest"/>).</summary>
public sealed record ManifestObject(string ApiVersion, string Kind, string Name, string? Namespace, string CheckedBy, int? Replicas, IReadOnlyList<string> AddedCapabilities, JsonElement Manifest);

/// <summary>What k8s/validate.mjs said about one rendering: its exit status, objects and problems.</summary>
public sealed record ManifestValidation(int ExitCode, IReadOnlyList<ManifestObject> Objects, IReadOnlyList<string> Failures, string Output)
{
    public ManifestObject Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new InvalidOperationException($"no {kind}/{name} in the rendering; it has {string.Join(", ", Objects.Select(o => $"{o.Kind}/{o.Name}"))}");

    public bool Has(string kind) => Objects.Any(o => o.Kind == kind);
}

/// <summary>
/// Renders an overlay with the real <c>kubectl kustomize</c> (offline: no cluster is contacted) and
/// checks it with k8s/validate.mjs under Node, using the npm packages that .ci/run installs into
/// artifacts/k8s-npm (or the folder GRID_K8S_NPM names).
/// </summary>
public static class RenderedManifests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string K8sDirectory => Path.Combine(SharedData.RepositoryRoot, "k8s");

    public static string NpmDirectory =>
        Environment.GetEnvironmentVariable("GRID_K8S_NPM") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(SharedData.RepositoryRoot, "artifacts", "k8s-npm");

    /// <summary>The YAML that <c>kubectl kustomize k8s/overlays/{overlay}</c> prints.</summary>
    public static async Task<string> RenderAsync(string overlay)
    {
        var kubectl = FindOnPath("kubectl")
            ?? throw new InvalidOperationException("kubectl not found on PATH: install the kubectl client (`kubectl kustomize` renders offline, no cluster needed), e.g. from https://kubernetes.io/docs/tasks/tools/");
        var result = await ExternalCommand.RunAsync(kubectl, ["kustomize", Path.Combine(K8sDirectory, "overlays", overlay)],
            environment: new Dictionary<string, string?> { ["KUBECONFIG"] = Path.Combine(Path.GetTempPath(), "grid-no-kubeconfig") });
        return result.ExitCode == 0 ? result.StandardOutput : throw new InvalidOperationException($"kubectl kustomize k8s/overlays/{overlay} failed ({result.ExitCode}):\n{result.Output}");
    }

    /// <summary>Runs k8s/validate.mjs on <paramref name="yaml"/>.</summary>
    public static async Task<ManifestValidation> ValidateAsync(string yaml)
    {
        var node = FindOnPath("node") ?? throw new InvalidOperationException("node not found on PATH: install Node.js (Debian: apt-get install nodejs npm)");
        if (!File.Exists(Path.Combine(NpmDirectory, "node_modules", "kubernetes-models", "package.json")))
        {
            throw new InvalidOperationException(
                $"kubernetes-models is not installed in {NpmDirectory}: run `sudo bash .ci/run`, or `npm install --prefix {NpmDirectory} kubernetes-models@5.1.0 yaml`");
        }

        using var directory = new TemporaryDirectory("grid-k8s-");
        var file = directory.PathOf("rendered.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var result = await ExternalCommand.RunAsync(node, [Path.Combine(K8sDirectory, "validate.mjs"), "--json", file],
            environment: new Dictionary<string, string?> { ["GRID_K8S_NPM"] = NpmDirectory });
        var summary = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"validate.mjs printed no summary (exit {result.ExitCode}):\n{result.Output}");
        var parsed = JsonSerializer.Deserialize<Summary>(summary, Json)!;
        return new ManifestValidation(result.ExitCode, parsed.Objects, parsed.Failures, result.Output);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private sealed record Summary(List<ManifestObject> Objects, List<string> Failures);
}
