namespace Grid.Runtime.Cluster.Membership;

/// <summary>One row of the membership table as this silo last read it.</summary>
public sealed record ClusterMember(string SiloId, Uri Address, SiloStatus Status, DateTimeOffset StartedAt, TimeSpan LastHeartbeatAge);

/// <summary>A silo's life: it serves while active, hands its grains over while leaving, and is dead once its heartbeats stop or it left.</summary>
public enum SiloStatus
{
    Active,
    Leaving,
    Dead,
}
