namespace Grid.Runtime.State;

/// <summary>
/// The ownership a state write must prove in a cluster: the silo and the fencing token of the
/// writing activation's directory claim. A write whose claim is no longer current is refused.
/// </summary>
public interface IStateFence
{
    /// <summary>The writer's claim on <paramref name="grainId"/>; throws if the write does not come from that grain's activation.</summary>
    (string SiloId, long Token) ClaimOf(GrainId grainId);
}
