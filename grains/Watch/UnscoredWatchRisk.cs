using Grid.Grains.Elections;

namespace Grid.Grains.Watch;

/// <summary>The scorer in place until a real one is registered: no entry has a risk yet.</summary>
public sealed class UnscoredWatchRisk : IWatchRiskScorer
{
    public ValueTask<WatchRisk?> ScoreAsync(ElectionEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult<WatchRisk?>(null);
}
