using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Geography.Regions;

namespace Grid.Grains.Probing;

/// <summary>
/// Reads an entity's blocks out of a probe shard's ended bins for an evidence bundle: a block counts
/// for the entity as it does in the bins the shard reports (<see cref="ProbeBinAggregate"/>): by its
/// country, its AS, or the region its /24 lies in within that country. Blocks whose state changed in
/// the window come first, so a cap keeps the ones that show the outage.
/// </summary>
public static class ProbeEvidence
{
    public static ProbeBlockHistory[] Of(BlockTable table, IEnumerable<PastBin> bins, string entity, int maxBlocks, RegionMap? regions)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(bins);
        if (maxBlocks <= 0 || !EntityKey.TryParse(entity, out var key))
        {
            return [];
        }

        var window = bins.OrderBy(b => b.At).ToArray();
        var found = new List<ProbeBlockHistory>();
        for (var row = 0; row < table.Count; row++)
        {
            if (!Counts(table, row, key, regions))
            {
                continue;
            }

            var results = new ProbeBinResult[window.Length];
            var changed = false;
            for (var i = 0; i < window.Length; i++)
            {
                var (sent, received, rtt) = window[i].Counts(row);
                results[i] = new ProbeBinResult(window[i].At, window[i].State(row), sent, received, rtt);
                changed |= i > 0 && results[i].State != results[i - 1].State;
            }

            found.Add(new ProbeBlockHistory(table.Network(row), changed, results));
        }

        return [.. found.OrderByDescending(b => b.Changed).ThenBy(b => b.Network).Take(maxBlocks)];
    }

    private static bool Counts(BlockTable table, int row, EntityKey key, RegionMap? regions) => key.Kind switch
    {
        EntityKind.Country => table.Country(row) == key.CountryCode,
        EntityKind.As => table.Asn(row) == key.Asn,
        EntityKind.Region => table.Country(row) == key.RegionCountry
            && regions?.RegionOf(Prefix.IPv4(table.Network(row), 24)) is { } region && region.Code == key.Code,
        _ => false,
    };
}
