namespace Grid.Silo.Feeds.Leases;

/// <summary>Settings of <see cref="MembershipLeases"/>, under <c>Grid:Cluster:Leases</c>.</summary>
public sealed class MembershipLeaseOptions
{
    public const string Section = "Grid:Cluster:Leases";

    /// <summary>
    /// How often a contender tries to acquire, and how often the holder checks that the lease is
    /// still its own. A lease moves within about this long after Orleans declares its holder dead;
    /// each check is one indexed read, so seconds are cheap.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
