using Grid.Silo.Feeds.Leases;
using Grid.Silo.Hosting.Cluster;

namespace Grid.Silo.Feeds;

/// <summary>
/// Runs a group of feeds under one lease: on one silo of the cluster at a time, moving when that
/// silo dies or lets go. One host per lease, so the lease sees one contender per silo, and the
/// feeds of a group (every route feed under <see cref="FeedLeases.Routing"/>) start, stop and move
/// together under one fencing token. A feed that finishes (an MRT replay) or cannot start (bad
/// configuration) keeps the lease until the silo stops or loses it: giving it up would only make
/// another silo replay the same files or fail the same way.
/// </summary>
internal sealed partial class ExclusiveFeedHost(
    string lease,
    IReadOnlyList<IExclusiveFeed> feeds,
    IExclusiveLeases leases,
    SiloReadiness readiness,
    FeedStatusBoard board,
    ILogger<ExclusiveFeedHost> logger) : BackgroundService
{
    public string Lease => lease;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Standby();
        try
        {
            // Feeds call grains: they start once the silo is active (it starts beside the API).
            await readiness.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await leases.RunWhileHeldAsync(lease, (grant, held) => RunHeldAsync(grant, held, stoppingToken), stoppingToken);
    }

    private async Task RunHeldAsync(LeaseGrant grant, CancellationToken held, CancellationToken stoppingToken)
    {
        LogAcquired(logger, lease, grant.FencingToken, string.Join(", ", feeds.Select(f => f.Name)));
        await Task.WhenAll(feeds.Select(feed => RunFeedAsync(feed, grant, held)));
        if (!stoppingToken.IsCancellationRequested)
        {
            LogLost(logger, lease, grant.FencingToken);
            Standby();
        }
    }

    private async Task RunFeedAsync(IExclusiveFeed feed, LeaseGrant grant, CancellationToken held)
    {
        await Task.Yield();
        try
        {
            await feed.RunAsync(grant, held);
            await Task.Delay(Timeout.Infinite, held);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A feed's fault must cost that feed, never the other feeds of the lease or the silo.
            board.Set(feed.Name, FeedStates.Failed, $"{e.GetType().Name}: {e.Message}");
            LogFeedFailed(logger, e, feed.Name);
            await Task.Delay(Timeout.Infinite, held).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void Standby()
    {
        foreach (var feed in feeds)
        {
            board.Set(feed.Name, FeedStates.Standby, $"another silo holds the `{lease}` lease");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo holds the {Lease} lease (fencing token {Token}): starting {Feeds}")]
    private static partial void LogAcquired(ILogger logger, string lease, long token, string feeds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo lost the {Lease} lease (fencing token {Token}): its feeds stopped and wait in standby")]
    private static partial void LogLost(ILogger logger, string lease, long token);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} failed; the lease stays held until the silo stops")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception, string feed);
}
