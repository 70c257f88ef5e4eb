using Grid.Silo.Feeds.Leases;

namespace Grid.Silo.Feeds;

/// <summary>
/// A feed that runs only while this silo holds its lease (<see cref="ExclusiveFeedHost"/>). It may
/// run many times in a silo's life, once per grant, so it keeps nothing of a previous run.
/// </summary>
internal interface IExclusiveFeed
{
    /// <summary>The feed's name in <c>/v1/feeds</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the feed until it is done or <paramref name="held"/> is cancelled (the lease was lost,
    /// or the silo stops). When it returns, its sockets and connections are closed: another silo
    /// may open them next. <paramref name="grant"/>'s fencing token is the epoch of what it sends.
    /// </summary>
    Task RunAsync(LeaseGrant grant, CancellationToken held);
}
