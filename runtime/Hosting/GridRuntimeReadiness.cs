namespace Grid.Runtime.Hosting;

/// <summary>Whether the runtime can serve: storage initialized. Feeds the silo's /readyz.</summary>
public sealed class GridRuntimeReadiness
{
    private volatile string? _problem = "starting";

    public bool IsReady => _problem is null;

    /// <summary>Why the runtime is not ready, in words an operator can act on; null when ready.</summary>
    public string? Problem => _problem;

    internal void Ready() => _problem = null;

    internal void NotReady(string problem) => _problem = problem;
}
