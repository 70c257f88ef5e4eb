using Grid.Bgp.Messages;

namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// Counters and gauges about one peer (RFC 7854 §4.8). Stat TLVs whose length fits no known
/// shape (4, 8, or AFI/SAFI plus 8 octets) are left out.
/// </summary>
public sealed record BmpStatisticsReport(BmpPeer Peer, DateTimeOffset Timestamp, IReadOnlyList<BmpStatistic> Statistics) : BmpMessage
{
    public override BmpMessageType Type => BmpMessageType.StatisticsReport;

    /// <summary>The first statistic of <paramref name="type"/> (and <paramref name="family"/>, for per-family gauges), or null.</summary>
    public ulong? ValueOf(BmpStatisticType type, BgpFamily? family = null)
    {
        foreach (var statistic in Statistics)
        {
            if (statistic.StatisticType == type && statistic.Family == family)
            {
                return statistic.Value;
            }
        }
        return null;
    }
}
