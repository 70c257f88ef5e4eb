using Grid.Grains.Entities;
using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Geography.Regions;

namespace Grid.Grains.Probing;

/// <summary>
/// Turns a bin of a shard's block table into one <see cref="ShardProbeBin"/> per country, per AS and per region,
/// and sums the shards' parts of a bin into the entity's <see cref="ProbeBin"/>: blocks by state, the
/// median of the answering blocks' mean RTTs, and the share of the bin's probes left unanswered.
/// This is what keeps the hot path batched: one grain call per entity per shard per bin, whatever
/// the number of probes.
/// </summary>
public static class ProbeBinAggregate
{
    public static Dictionary<string, ShardProbeBin> Of(BlockTable table, string shard, DateTimeOffset at, RegionMap? regions = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Of(table, shard, at, table.State, table.BinCounts, table.Senders, regions);
    }

    /// <summary>The parts of a bin that has ended (<see cref="PastBin"/>), with what late results added to it.</summary>
    public static Dictionary<string, ShardProbeBin> Of(BlockTable table, PastBin bin, string shard, RegionMap? regions = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(bin);
        return Of(table, shard, bin.At, bin.State, bin.Counts, bin.Senders, regions);
    }

    // A block counts for a region by its target address, when the region data places the /24 in a
    // region of the block's own country: regions nest in countries here as in the BGP counts.
    private static Dictionary<string, ShardProbeBin> Of(BlockTable table, string shard, DateTimeOffset at, Func<int, BlockState> stateOf, Func<int, (int Sent, int Received, double? MeanRttMs)> countsOf, Func<int, (int First, int Other)> sendersOf, RegionMap? regions)
    {
        // Tallies are keyed by value, not by grain key: a shard's blocks must not mean a key string each per bin.
        var countries = new Dictionary<CountryCode, Tally>();
        var asns = new Dictionary<uint, Tally>();
        var regionTallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        for (var row = 0; row < table.Count; row++)
        {
            var state = stateOf(row);
            var (sent, received, rtt) = countsOf(row);
            // The senders behind a block not up this bin: what a drop of the entity rests on.
            var (first, other) = state != BlockState.Up && sent > 0 ? sendersOf(row) : (-1, -1);
            var senderA = first >= 0 ? table.SenderName(first) : null;
            var senderB = other >= 0 ? table.SenderName(other) : null;
            TallyOf(countries, table.Country(row)).Add(state, sent, received, rtt, senderA, senderB);
            if (table.Asn(row) != 0)
            {
                TallyOf(asns, table.Asn(row)).Add(state, sent, received, rtt, senderA, senderB);
            }

            if (regions?.RegionOf(Prefix.IPv4(table.Network(row), 24)) is { } region && region.Country == table.Country(row))
            {
                TallyOf(regionTallies, region.Code).Add(state, sent, received, rtt, senderA, senderB);
            }
        }

        var bins = new Dictionary<string, ShardProbeBin>(countries.Count + asns.Count + regionTallies.Count, StringComparer.Ordinal);
        foreach (var (country, tally) in countries)
        {
            bins[EntityKey.Country(country).Code] = tally.ToShardBin(shard, at);
        }

        foreach (var (asn, tally) in asns)
        {
            bins[EntityKey.As(asn).Code] = tally.ToShardBin(shard, at);
        }

        foreach (var (region, tally) in regionTallies)
        {
            bins[region] = tally.ToShardBin(shard, at);
        }

        return bins;
    }

    /// <summary>The entity's bin at <paramref name="at"/>: the sum of its shards' parts, the median over all their blocks.</summary>
    public static ProbeBin Sum(DateTimeOffset at, IEnumerable<ShardProbeBin> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var tally = new Tally();
        foreach (var part in parts)
        {
            tally.Add(part);
        }

        return tally.ToBin(at);
    }

    private static Tally TallyOf<TKey>(Dictionary<TKey, Tally> tallies, TKey key)
        where TKey : notnull
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new Tally();
        }

        return tally;
    }

    private sealed class Tally
    {
        private readonly List<float> _rtts = [];
        private int _up;
        private int _down;
        private int _unknown;
        private long _sent;
        private long _received;
        private HashSet<string>? _senders;

        public void Add(BlockState state, long sent, long received, double? meanRttMs, string? senderA = null, string? senderB = null)
        {
            AddSender(senderA);
            AddSender(senderB);
            _ = state switch
            {
                BlockState.Up => _up++,
                BlockState.Down => _down++,
                _ => _unknown++,
            };
            _sent += sent;
            _received += received;
            if (meanRttMs is { } rtt)
            {
                _rtts.Add((float)rtt);
            }
        }

        public void Add(ShardProbeBin part)
        {
            _up += part.BlocksUp;
            _down += part.BlocksDown;
            _unknown += part.BlocksUnknown;
            _sent += part.Sent;
            _received += part.Received;
            _rtts.AddRange(part.RttsMs);
            foreach (var sender in part.Senders ?? [])
            {
                AddSender(sender);
            }
        }

        public ShardProbeBin ToShardBin(string shard, DateTimeOffset at) => new(shard, at, _up, _down, _unknown, _sent, _received, [.. _rtts], Senders());

        public ProbeBin ToBin(DateTimeOffset at) =>
            new(at, _up, _down, _unknown, Median(_rtts), _sent == 0 ? null : 1 - ((double)_received / _sent), _sent, Senders());

        private void AddSender(string? sender)
        {
            if (sender is not null)
            {
                (_senders ??= new HashSet<string>(StringComparer.Ordinal)).Add(sender);
            }
        }

        private string[]? Senders() => _senders is null ? null : [.. _senders.Order(StringComparer.Ordinal)];

        private static double? Median(List<float> values)
        {
            if (values.Count == 0)
            {
                return null;
            }

            values.Sort();
            var middle = values.Count / 2;
            return values.Count % 2 == 1 ? values[middle] : ((double)values[middle - 1] + values[middle]) / 2;
        }
    }
}
