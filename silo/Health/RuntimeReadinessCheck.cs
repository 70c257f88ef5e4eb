using Grid.Silo.Hosting.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grid.Silo.Health;

/// <summary>Ready when the grain runtime can serve (its storage is initialized).</summary>
internal sealed class RuntimeReadinessCheck(SiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("grain runtime ready")
            : HealthCheckResult.Unhealthy(readiness.Problem));
}
