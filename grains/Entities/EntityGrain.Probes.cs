using Grid.Grains.Probing;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Entities;

/// <summary>
/// The probes signal inside the entity grain: each probe shard sends its part of a bin, and the
/// step recorded is the sum of the parts heard for that bin (<see cref="EntityProbes"/>), so results
/// taken by different silos add up rather than overwrite each other.
/// </summary>
public abstract partial class EntityGrain
{
    private readonly EntityProbes _probes = new();

    public async Task ReportProbes(ShardProbeBin part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var bin = _probes.Apply(part, out var newShard);
        if (newShard)
        {
            state.State.ProbeShards.Add(part.Shard);
        }

        if (bin is not null)
        {
            await RecordProbesAsync(bin);
        }
    }

    /// <summary>
    /// Reads the last part of every probe shard that ever reported here: an activation after a
    /// crash or a move would otherwise record the next part it hears as the whole bin.
    /// </summary>
    private async Task ReadProbeShardsAsync()
    {
        if (_probes.Shards.Count == 0)
        {
            return;
        }

        var entity = this.GetPrimaryKeyString();
        var reads = _probes.Shards.Select(shard => GrainFactory.GetGrain<IProbeShardGrain>(shard).LastBinOf(entity)).ToArray();
        try
        {
            await Task.WhenAll(reads);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProbeReadFailed(logger, entity, e.GetBaseException().Message);
        }

        ProbeBin? latest = null;
        foreach (var read in reads.Where(r => r.IsCompletedSuccessfully && r.Result is not null).OrderBy(r => r.Result!.At))
        {
            latest = _probes.Apply(read.Result!, out _) ?? latest;
        }

        // Only the newest bin's sum is recorded again: older parts of it could be from shards that
        // have since closed a newer one, and the step already holds what was summed before the move.
        if (latest is not null && latest.At >= (state.State.LatestProbes?.At ?? DateTimeOffset.MinValue))
        {
            await RecordProbesAsync(latest);
        }
    }

    /// <summary>Records one summed bin: the count of /24s up is the signal detection judges; RTT and loss ride along for throttling.</summary>
    private async Task RecordProbesAsync(ProbeBin bin)
    {
        await RecordSignal(SignalNames.Probes, bin.At, bin.BlocksUp);
        if (bin.MedianRttMs is { } rtt)
        {
            _probesRtt.Record(bin.At, (long)Math.Round(rtt * 1000));
        }

        if (bin.Loss is { } loss)
        {
            _probesLoss.Record(bin.At, (long)Math.Round(loss * 1_000_000));
        }

        var previous = state.State.LatestProbes;
        if (previous is not null && previous.At > bin.At)
        {
            return;
        }

        // Bins close on the clock, not after rounds: a bin no probe of this entity fell into (a round
        // that overran the one before) says nothing of RTT or loss, so status keeps the last measured.
        state.State.LatestProbes = bin.Probes == 0 && previous is not null ? bin with { MedianRttMs = previous.MedianRttMs, Loss = previous.Loss } : bin;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} could not read all its probe shards ({Reason}); their next bin brings their parts")]
    private static partial void LogProbeReadFailed(ILogger logger, string entity, string reason);
}
