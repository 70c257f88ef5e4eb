using Grid.Silo.Feeds.Leases;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Grid's own prober, as a feed: the hitlist's blocks and the raw ICMP socket exist only while this
/// silo holds the lease of its prober shard (<c>probing/&lt;Grid:Probing:Shard&gt;</c>), so silos
/// configured alike never probe the same hitlist twice. <see cref="ProbingService"/> runs its rounds.
/// </summary>
internal sealed partial class ProberFeed(
    IOptions<ProbingOptions> options,
    ProbeTargets targets,
    ProbeShardRouter shards,
    ProbingStatus status,
    ProberSlot slot,
    FeedStatusBoard board,
    ILogger<ProberFeed> logger) : IExclusiveFeed
{
    private int _blockCount = -1;

    public string Name => ProbingService.Name;

    public async Task RunAsync(LeaseGrant grant, CancellationToken held)
    {
        var settings = options.Value;
        if (!File.Exists(settings.Hitlist))
        {
            Report(FeedStates.Failed, $"hitlist {Path.GetFullPath(settings.Hitlist!)} not found: set Grid:Probing:Hitlist to a file of addresses, one per line");
            return;
        }

        var (entries, problems) = Hitlist.Read(settings.Hitlist);
        problems.ForEach(p => LogHitlistProblem(logger, p));
        // The targets outlive a lost lease: a second grant must not add them twice.
        var blockCount = _blockCount = _blockCount < 0 ? targets.Add(entries) : _blockCount;
        var socket = IcmpSocket.TryOpen(out var problem);
        if (socket is null)
        {
            Report(FeedStates.Failed, problem!);
            return;
        }

        Report(FeedStates.Running, $"{entries.Count} targets in {blockCount} /24 blocks from {settings.Hitlist}, at most {settings.RatePerSecond} probes/s");
        using var prober = new Prober(targets, shards.ObserveAsync, socket, new ProbePacer(settings.RatePerSecond), settings.Timeout);
        slot.Fill(prober, held);
        try
        {
            await Task.Delay(Timeout.Infinite, held);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
        }
        finally
        {
            await slot.EmptyAsync();
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
}
