using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Grid.Runtime.State;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>
/// Proves a state write with the claim of the activation whose turn is writing: its grain's
/// directory row must still name this silo and the token the activation got when it claimed.
/// </summary>
internal sealed class ActivationStateFence(ClusterMembership membership) : IStateFence
{
    public (string SiloId, long Token) ClaimOf(GrainId grainId) =>
        RuntimeContext.Current is { } activation && activation.Id == grainId && activation.Fencing != 0
            ? (membership.SiloId, activation.Fencing)
            : throw new InvalidOperationException(
                $"State of {grainId} was written outside a turn of its activation: in a cluster only the silo that owns a grain may write its state.");
}
