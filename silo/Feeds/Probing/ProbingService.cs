using Grid.Grains.Probing;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Runs the prober's rounds, one per <c>Grid:Probing:Interval</c>. The prober itself is a feed
/// (<see cref="ProberFeed"/>): only the silo holding its shard's lease has one. Its probes, like the
/// results POSTed to any silo, go to the probe shard grains, which close the bins on the cluster's
/// wall clock (<see cref="Grid.Grains.Probing.ProbeShardGrain"/>). Without a hitlist, or without raw
/// sockets, the silo says why in the log, <c>/v1/feeds</c> and <c>/v1/probes/status</c>, and keeps serving.
/// </summary>
internal sealed partial class ProbingService(
    IOptions<ProbingOptions> options,
    ProbingStatus status,
    ProberSlot slot,
    WatchedProbeSchedule schedule,
    FeedStatusBoard board,
    ILogger<ProbingService> logger) : BackgroundService
{
    public const string Name = "probes";

    /// <summary>The prober runs when enabled with a hitlist; otherwise only POSTed results make bins.</summary>
    public static bool ProberWanted(ProbingOptions settings) => settings.Enabled && !string.IsNullOrWhiteSpace(settings.Hitlist);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!ProberWanted(settings))
        {
            // Not a feed that failed, just one not asked for: /v1/feeds stays as it was, the status says why.
            status.Set(FeedStates.Finished, "prober off: no hitlist configured (Grid:Probing:Hitlist); results POSTed to /v1/probes/results are still counted");
            LogProberState(logger, status.Detail!);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                await RunRoundAsync(stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                // Watch mode: rounds at Grid:Watch:ProbeInterval while a country is in a watch window.
                var rest = NextRoundStart(started, schedule.RoundInterval) - DateTimeOffset.UtcNow;
                if (rest > TimeSpan.Zero)
                {
                    // A silo that just took the prober's lease starts its first round at once.
                    var delay = Task.Delay(rest, stoppingToken);
                    await (slot.Current is null && ProberWanted(settings) ? Task.WhenAny(delay, slot.Filled) : delay);
                    stoppingToken.ThrowIfCancellationRequested();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed round or grain call costs one round, never the silo.
                LogRoundFailed(logger, ex);
                await Task.Delay(settings.Interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// When the round after one that began at <paramref name="started"/> begins: at the start of the
    /// next bin (the probe shards close bins on multiples of the interval), plus a twentieth of the
    /// interval so the shards have closed the previous one. One round per bin, as IODA's 600 s
    /// rounds are its bins; a round that overran its bin is followed at once.
    /// </summary>
    public static DateTimeOffset NextRoundStart(DateTimeOffset started, TimeSpan interval) =>
        ProbeBinOptions.BinStart(started, interval) + interval + (interval / 20);

    /// <summary>One round, if this silo holds the prober; a round cut short by the lease's loss makes no report.</summary>
    private async Task RunRoundAsync(CancellationToken stoppingToken)
    {
        if (slot.Current is not { } held || held.Held.IsCancellationRequested)
        {
            return;
        }

        await slot.Gate.WaitAsync(stoppingToken);
        try
        {
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, held.Held);
            await RefreshWatchAsync();
            var result = await held.Prober.RunRoundAsync(round.Token, schedule.DueRows(DateTimeOffset.UtcNow));
            if (round.IsCancellationRequested)
            {
                return;
            }

            status.Finished(result);
            board.Progress(Name, held.Prober.ProbesSent, result.FinishedAt);
            LogRound(logger, result.Blocks, result.Probes, result.Replies, result.Waves, result.Duration.TotalSeconds);
        }
        catch (OperationCanceledException) when (held.Held.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Which countries are watched; a calendar that cannot be read keeps the last answer rather than cost the round.</summary>
    private async Task RefreshWatchAsync()
    {
        var before = schedule.Watched;
        try
        {
            await schedule.RefreshAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWatchUnread(logger, ex);
        }

        if (!schedule.Watched.SetEquals(before))
        {
            LogWatched(logger, string.Join(' ', schedule.Watched.Select(c => c.ToString()).Order(StringComparer.Ordinal)), schedule.RoundInterval.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probing: the watch calendar could not be read; the last watched countries stay")]
    private static partial void LogWatchUnread(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing: watched countries now [{Countries}]; rounds every {Seconds:0} s")]
    private static partial void LogWatched(ILogger logger, string countries, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing: {Detail}")]
    private static partial void LogProberState(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing round: {Blocks} blocks, {Probes} probes, {Replies} replies, {Waves} waves, {Seconds:0.00} s")]
    private static partial void LogRound(ILogger logger, int blocks, long probes, long replies, int waves, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A probing round failed; the next starts after one interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
