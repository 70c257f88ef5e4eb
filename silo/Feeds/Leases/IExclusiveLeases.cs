namespace Grid.Silo.Feeds.Leases;

/// <summary>
/// Runs a piece of work (a feed: a BGP collector, RIS Live, a prober shard) on exactly one silo
/// of the cluster at a time. On a single silo the lease is always granted
/// (<see cref="SingleSiloLeases"/>). In a cluster the lease is a PostgreSQL row tied to the
/// holder's Orleans membership (<see cref="MembershipLeases"/>): it passes to another silo only
/// once the holder is dead or lets go, so two silos never run the same feed.
/// </summary>
public interface IExclusiveLeases
{
    /// <summary>
    /// Waits until this silo holds the lease <paramref name="name"/>, then runs
    /// <paramref name="work"/> with a token that is cancelled if the lease is lost; when the work
    /// ends or the lease is lost, tries again, until <paramref name="stopping"/> is cancelled.
    /// The work gets the lease's fencing token, which grows each time the lease changes hands.
    /// </summary>
    Task RunWhileHeldAsync(string name, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken stopping);
}
