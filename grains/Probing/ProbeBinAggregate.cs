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
        var entities = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var countryKeys = new Dictionary<CountryCode, string>();
        for (var row = 0; row < table.Count; row++)
        {
            var country = table.Country(row);
            if (!countryKeys.TryGetValue(country, out var countryKey))
            {
                countryKeys[country] = countryKey = EntityKeys.Country(country);
            }

            Add(entities, countryKey, table, row);
            if (table.Asn(row) != 0)
            {
                Add(entities, EntityKeys.As(table.Asn(row)), table, row);
            }
        }

        return entities.ToDictionary(e => e.Key, e => e.Value.ToBin(at), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, Tally> entities, string key, BlockTable table, int row)
    {
        if (!entities.TryGetValue(key, out var tally))
        {
            entities[key] = tally = new Tally();
        }

        tally.Add(table.State(row), table.BinCounts(row));
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
