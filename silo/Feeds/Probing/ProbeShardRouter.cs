using System.Diagnostics;
using Grid.Grains.Probing;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Takes probe results to the probe shards that own their blocks (<see cref="ProbeShards"/>): a
/// batch is grouped by shard and each shard gets one call, wherever in the cluster it lives, so a
/// block's belief is the same whichever silo took its results. Used by the intake and the prober.
/// </summary>
public sealed class ProbeShardRouter(IGrainFactory grains)
{
    private static readonly TimeSpan CensusReuse = TimeSpan.FromSeconds(2);
    private readonly Lock _censusGate = new();
    private Task<ProbeCensus>? _census;
    private long _censusAt;

    /// <summary>Applies the prober's <paramref name="batch"/>; returns the blocks' beliefs before and after, in the batch's order.</summary>
    public Task<ProbeBeliefs> ObserveAsync(IReadOnlyList<ProbeObservation> batch) => ObserveAsync(batch, ProbeSenders.Prober);

    /// <summary>
    /// Applies <paramref name="batch"/> of <paramref name="sender"/> (the prober, or an outside key's id
    /// and name); returns the blocks' beliefs before and after, and the refusals, in the batch's order.
    /// </summary>
    public async Task<ProbeBeliefs> ObserveAsync(IReadOnlyList<ProbeObservation> batch, string sender)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var byShard = new Dictionary<int, List<int>>();
        for (var i = 0; i < batch.Count; i++)
        {
            var shard = ProbeShards.IndexOf(batch[i].Address);
            if (!byShard.TryGetValue(shard, out var items))
            {
                byShard[shard] = items = [];
            }

            items.Add(i);
        }

        // Not retried on a silo's loss: a belief update applied twice would count one probe twice.
        var calls = byShard.Select(async shard =>
        {
            var part = shard.Value.Select(i => batch[i]).ToArray();
            return (Items: shard.Value, Beliefs: await grains.GetGrain<IProbeShardGrain>(ProbeShards.KeyAt(shard.Key)).Observe(part, sender));
        }).ToArray();
        var before = new float[batch.Count];
        var after = new float[batch.Count];
        ProbeRefusal[]? refusals = null;
        foreach (var (items, beliefs) in await Task.WhenAll(calls))
        {
            for (var k = 0; k < items.Count; k++)
            {
                before[items[k]] = beliefs.Before[k];
                after[items[k]] = beliefs.After[k];
                if (beliefs.Refusal(k) is { } refusal)
                {
                    (refusals ??= new ProbeRefusal[batch.Count])[items[k]] = refusal;
                }
            }
        }

        return new ProbeBeliefs(before, after, refusals);
    }

    /// <summary>
    /// Every shard's blocks by state, summed: one call per shard (an empty one deactivates again).
    /// A read endpoint asks for it, so one count serves every request for <see cref="CensusReuse"/>:
    /// a flood of reads costs 256 grain calls per period, not per request.
    /// </summary>
    public Task<ProbeCensus> CensusAsync()
    {
        lock (_censusGate)
        {
            if (_census is null || _census.IsFaulted || _census.IsCanceled || Stopwatch.GetElapsedTime(_censusAt) >= CensusReuse)
            {
                _census = CountAsync();
                _censusAt = Stopwatch.GetTimestamp();
            }

            return _census;
        }
    }

    private async Task<ProbeCensus> CountAsync()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, ProbeShards.Count).Select(i => grains.GetGrain<IProbeShardGrain>(ProbeShards.KeyAt(i)).Census()));
        return counts.Aggregate(default(ProbeCensus), (sum, shard) => sum + shard);
    }
}
