using Grid.Grains.Entities;
using Grid.Runtime;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Runs the prober's rounds, one per <c>Grid:Probing:Interval</c>, and closes a bin after each:
/// every country and AS with probed blocks gets one <see cref="ProbeBin"/>. Without a hitlist, or
/// without raw sockets, only results POSTed by outside vantage points make the bins; the silo says
/// why in the log, <c>/v1/feeds</c> and <c>/v1/probes/status</c>, and keeps serving.
/// </summary>
internal sealed partial class ProbingService(
    IOptions<ProbingOptions> options,
    ProbeBlocks blocks,
    ProbingStatus status,
    IGrainFactory grains,
    FeedStatusBoard board,
    ILogger<ProbingService> logger) : BackgroundService
{
    public const string Name = "probes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var prober = StartProber(settings);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                if (prober is not null)
                {
                    var round = await prober.RunRoundAsync(stoppingToken);
                    if (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }

                    status.Finished(round);
                    board.Progress(Name, prober.ProbesSent, round.FinishedAt);
                    LogRound(logger, round.Blocks, round.Probes, round.Replies, round.Waves, round.Duration.TotalSeconds);
                }

                await PublishAsync(settings);
                var rest = started + settings.Interval - DateTimeOffset.UtcNow;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed round or grain call costs one bin, never the silo.
                LogRoundFailed(logger, ex);
                await Task.Delay(settings.Interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private Prober? StartProber(ProbingOptions settings)
    {
        if (!settings.Enabled || string.IsNullOrWhiteSpace(settings.Hitlist))
        {
            // Not a feed that failed, just one not asked for: /v1/feeds stays as it was, the status says why.
            status.Set(FeedStates.Finished, "prober off: no hitlist configured (Grid:Probing:Hitlist); results POSTed to /v1/probes/results are still counted");
            LogProberState(logger, status.Detail!);
            return null;
        }

        if (!File.Exists(settings.Hitlist))
        {
            Report(FeedStates.Failed, $"hitlist {Path.GetFullPath(settings.Hitlist)} not found: set Grid:Probing:Hitlist to a file of addresses, one per line");
            return null;
        }

        var (entries, problems) = Hitlist.Read(settings.Hitlist);
        problems.ForEach(p => LogHitlistProblem(logger, p));
        var blockCount = blocks.AddTargets(entries);
        var socket = IcmpSocket.TryOpen(out var problem);
        if (socket is null)
        {
            Report(FeedStates.Failed, problem!);
            return null;
        }

        Report(FeedStates.Running, $"{entries.Count} targets in {blockCount} /24 blocks from {settings.Hitlist}, at most {settings.RatePerSecond} probes/s");
        return new Prober(blocks, socket, new ProbePacer(settings.RatePerSecond), settings.Timeout);
    }

    private async Task PublishAsync(ProbingOptions settings)
    {
        var bins = blocks.TakeBin(DateTimeOffset.UtcNow, settings.StaleBins);
        foreach (var chunk in bins.Chunk(1024))
        {
            await Task.WhenAll(chunk.Select(bin => bin.Key.Length == 2
                ? grains.GetGrain<ICountryGrain>(bin.Key).ApplyProbes(bin.Value)
                : grains.GetGrain<IAsGrain>(bin.Key).ApplyProbes(bin.Value)));
        }
    }

    private void Report(string state, string detail)
    {
        status.Set(state, detail);
        board.Set(Name, state, detail);
        if (state == FeedStates.Failed)
        {
            LogProberFailed(logger, detail);
        }
        else
        {
            LogProberState(logger, detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing: {Detail}")]
    private static partial void LogProberState(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probing cannot run: {Detail}")]
    private static partial void LogProberFailed(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hitlist line skipped: {Problem}")]
    private static partial void LogHitlistProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing round: {Blocks} blocks, {Probes} probes, {Replies} replies, {Waves} waves, {Seconds:0.00} s")]
    private static partial void LogRound(ILogger logger, int blocks, long probes, long replies, int waves, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A probing round failed; the next starts after one interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
