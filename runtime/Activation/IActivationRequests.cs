namespace Grid.Runtime.Activation;

/// <summary>
/// Makes sure a grain is active on whichever silo owns it, without calling one of its methods:
/// how a durable stream wakes an implicit subscriber, and how a silo adopts the grains of a dead one.
/// </summary>
public interface IActivationRequests
{
    Task EnsureActiveAsync(GrainId id, CancellationToken cancellationToken);
}
