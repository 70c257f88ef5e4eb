using Grid.Grains.Elections;

namespace Grid.Grains.Watch;

/// <summary>
/// The seam where the risk of a calendar entry comes from (issue 20, item 2: STOP history, the
/// entry's kind, Grid's own events). <c>GET /v1/watch</c> lists what it returns as each entry's
/// <c>risk</c>, and the notices send <c>watch.upcoming</c> for entries it calls high.
/// <see cref="HistoryWatchRisk"/> is the silo's; null means the entry cannot be scored (its country is not an ISO code).
/// </summary>
public interface IWatchRiskScorer
{
    /// <summary>The risk of <paramref name="entry"/>, or null when there is nothing to score it on.</summary>
    ValueTask<WatchRisk?> ScoreAsync(ElectionEntry entry, CancellationToken cancellationToken);
}
