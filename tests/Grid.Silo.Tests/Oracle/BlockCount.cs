using Grid.Bgp.Model;
using Grid.Geography;

namespace Grid.Silo.Tests.Oracle;

/// <summary>Counts blocks the brute-force way: enumerate every /24 (or merge /48 intervals) and look each up.</summary>
internal static class BlockCount
{
    /// <summary>Distinct /24s per country: each /24 of each prefix, placed by a longest-match lookup of that /24.</summary>
    public static Dictionary<CountryCode, long> Slash24sByCountry(IEnumerable<Prefix> prefixes, GeoDatabase geography)
    {
        var seen = new HashSet<uint>();
        var counts = new Dictionary<CountryCode, long>();
        foreach (var prefix in prefixes.Where(p => p.IsIPv4))
        {
            var first = prefix.IPv4Address >> 8;
            var count = prefix.Length >= 24 ? 1u : 1u << (24 - prefix.Length);
            for (var i = 0u; i < count; i++)
            {
                if (seen.Add(first + i))
                {
                    var country = geography.CountryOf(Prefix.IPv4((first + i) << 8, 24));
                    counts[country] = counts.GetValueOrDefault(country) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Distinct /24s (IPv4) or /48s (IPv6) covered, by merging sorted intervals.</summary>
    public static long Blocks(IEnumerable<Prefix> prefixes, bool ipv4)
    {
        var unit = ipv4 ? 24 : 48;
        var intervals = prefixes.Where(p => p.IsIPv4 == ipv4)
            .Select(p => p.Truncate(unit))
            .Select(p => (Start: p.Bits >> (128 - unit), End: (p.Bits >> (128 - unit)) + (UInt128)p.CountOf(unit)))
            .OrderBy(i => i.Start)
            .ToList();
        UInt128 total = 0, reach = 0;
        foreach (var (start, end) in intervals)
        {
            if (end <= reach)
            {
                continue;
            }

            total += end - (start > reach ? start : reach);
            reach = end;
        }

        return (long)total;
    }
}
