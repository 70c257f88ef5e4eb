using Grid.Silo.Feeds.Leases;
using Grid.Silo.Hosting.Cluster;

namespace Grid.Silo.Feeds;

/// <summary>
/// Runs a group of feeds under one lease: on one silo of the cluster at a time, moving when that
/// silo dies or lets go. One host per lease, so the lease sees one contender per silo, and the
/// feeds of a group (every route feed under <see cref="FeedLeases.Routing"/>) start, stop and move
/// together under one fencing token. A feed that finishes (an MRT replay) or cannot start (bad
/// configuration) keeps the lease until the silo stops or loses it: giving it up would only make
/// another silo replay the same files or fail the same way. A feed that throws runs again after a
/// backoff (2 s, doubling with jitter up to 5 minutes), so a fault that passes (a file that
/// appears, a server that comes back, a grain call that timed out) does not stop it for good.
/// </summary>
internal sealed partial class ExclusiveFeedHost(
    string lease,
    IReadOnlyList<IExclusiveFeed> feeds,
    IExclusiveLeases leases,
    SiloReadiness readiness,
    FeedStatusBoard board,
    ILogger<ExclusiveFeedHost> logger) : BackgroundService
{
    /// <summary>The first wait before a failed feed runs again; it doubles (with jitter) while runs keep failing, up to <see cref="MaxRestart"/>.</summary>
    internal static readonly TimeSpan FirstRestart = TimeSpan.FromSeconds(2);

    internal static readonly TimeSpan MaxRestart = TimeSpan.FromMinutes(5);

    /// <summary>A run that lasted this long before failing starts the backoff afresh.</summary>
    private static readonly TimeSpan SettledRun = TimeSpan.FromMinutes(10);

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
        var backoff = new Backoff(FirstRestart, MaxRestart);
        while (!held.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                await feed.RunAsync(grant, held);
                await Task.Delay(Timeout.Infinite, held);
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A feed's fault must cost that feed, never the other feeds of the lease or the silo;
                // and it must not stop the feed for good while this silo keeps its lease: it runs
                // again, backing off while it keeps failing at once.
                if (DateTimeOffset.UtcNow - started > SettledRun)
                {
                    backoff.Reset();
                }
                var wait = backoff.Next();
                board.Set(feed.Name, FeedStates.Failed, $"{e.GetType().Name}: {e.Message}; restarting in {wait.TotalSeconds:0} s");
                LogFeedFailed(logger, e, feed.Name, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, held);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} failed; it runs again in {Seconds:0} s")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception, string feed, double seconds);
}
