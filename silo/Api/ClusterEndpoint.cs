using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Grid.Silo.Api.Auth;

namespace Grid.Silo.Api;

public static class ClusterEndpoint
{
    // A single silo has no membership row; it still needs a stable name for this process.
    private static readonly string SingleSiloId = $"{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();

    /// <summary>
    /// <c>GET /v1/cluster</c>: this silo, the members it sees (by the database clock), and the grains
    /// active here by type, so an operator can watch grains spread, move after a death, and rebalance.
    /// </summary>
    public static WebApplication MapGridClusterInfo(this WebApplication app)
    {
        app.MapGet("/v1/cluster", (GrainRuntime runtime, IServiceProvider services) =>
        {
            var membership = services.GetService<ClusterMembership>();
            return Results.Ok(new
            {
                siloId = SiloIdOf(services),
                mode = ModeOf(services),
                address = membership?.Address.ToString(),
                leaving = membership?.IsLeaving ?? false,
                members = (membership?.Members ?? []).Select(m => new
                {
                    id = m.SiloId,
                    address = m.Address.ToString(),
                    status = m.Status.ToString().ToLowerInvariant(),
                    lastHeartbeatAgeMs = (long)m.LastHeartbeatAge.TotalMilliseconds,
                    isSelf = m.SiloId == membership!.SiloId,
                }),
                activationCount = runtime.ActivationCount,
                activations = runtime.Registry.Classes
                    .Select(c => (c.Name, Count: runtime.ActiveGrains(c.Name).Count))
                    .Where(c => c.Count > 0)
                    .OrderBy(c => c.Name, StringComparer.Ordinal)
                    .ToDictionary(c => c.Name, c => c.Count),
            });
        })
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy).WithTags("Cluster")
            .WithSummary("This silo and the cluster it sees")
            .WithDescription("This silo's id and mode (single or cluster), the members it sees with their status and heartbeat age (by the database clock), and the grains active on this silo by type.");
        return app;
    }

    internal static string SiloIdOf(IServiceProvider services) => services.GetService<ClusterMembership>()?.SiloId ?? SingleSiloId;

    internal static string ModeOf(IServiceProvider services) => services.GetService<ClusterMembership>() is null ? "single" : "cluster";
}
