using System.Text;
using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Transport;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>Activates a grain on the silo that owns it (or should), without calling one of its methods.</summary>
internal sealed class ClusterActivationRequests(ClusterRouter router, GrainRuntime runtime) : IActivationRequests
{
    private readonly LocalActivationRequests _local = new(runtime);

    public Task EnsureActiveAsync(GrainId id, CancellationToken cancellationToken) =>
        router.RouteAsync(
            id,
            async () =>
            {
                await _local.EnsureActiveAsync(id, cancellationToken).ConfigureAwait(false);
                return true;
            },
            ClusterWire.ActivatePath,
            () => Encoding.UTF8.GetBytes(id.ToString()),
            _ => true,
            idempotent: true,
            cancellationToken);
}
