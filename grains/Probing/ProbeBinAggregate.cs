using Grid.Grains.Entities;
using Grid.Grains.Geography;

namespace Grid.Grains.Probing;

/// <summary>
/// Turns a bin of the block table into one <see cref="ProbeBin"/> per country and per AS: blocks by
/// state, the median of the answering blocks' mean RTTs, and the entity's probe loss. This is what
/// keeps the hot path batched: one grain call per entity per bin, whatever the number of probes.
/// </summary>
public static class ProbeBinAggregate
{
    public static IReadOnlyDictionary<string, ProbeBin> Of(BlockTable table, DateTimeOffset at)
    {
        // Tallies are keyed by value, not by grain key: 4.2M blocks must not mean 4.2M key strings per bin.
        var countries = new Dictionary<CountryCode, Tally>();
        var asns = new Dictionary<uint, Tally>();
        for (var row = 0; row < table.Count; row++)
        {
            var state = table.State(row);
            var counts = table.BinCounts(row);
            TallyOf(countries, table.Country(row)).Add(state, counts);
            if (table.Asn(row) != 0)
            {
                TallyOf(asns, table.Asn(row)).Add(state, counts);
            }
        }

        var bins = new Dictionary<string, ProbeBin>(countries.Count + asns.Count, StringComparer.Ordinal);
        foreach (var (country, tally) in countries)
        {
            bins[EntityKeys.Country(country)] = tally.ToBin(at);
        }

        foreach (var (asn, tally) in asns)
        {
            bins[EntityKeys.As(asn)] = tally.ToBin(at);
        }

        return bins;
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
        private readonly List<double> _rtts = [];
        private int _up;
        private int _down;
        private int _unknown;
        private long _sent;
        private long _received;

        public void Add(BlockState state, (int Sent, int Received, double? MeanRttMs) counts)
        {
            _ = state switch
            {
                BlockState.Up => _up++,
                BlockState.Down => _down++,
                _ => _unknown++,
            };
            _sent += counts.Sent;
            _received += counts.Received;
            if (counts.MeanRttMs is { } rtt)
            {
                _rtts.Add(rtt);
            }
        }

        public ProbeBin ToBin(DateTimeOffset at) =>
            new(at, _up, _down, _unknown, Median(_rtts), _sent == 0 ? null : 1 - ((double)_received / _sent), _sent);

        private static double? Median(List<double> values)
        {
            if (values.Count == 0)
            {
                return null;
            }

            values.Sort();
            var middle = values.Count / 2;
            return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }
}
