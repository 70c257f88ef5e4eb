using System.Net;
using Grid.Bgp.Model;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// A global-table-sized set of routes, deterministic from a seed: IPv4 /16–/24 over unicast space
/// and IPv6 /32–/48 in 2000::/3, origins spread over 1,000 ASes, as the lab's gen_prefixes.py
/// --transit does. Each peer announces the whole table, as full-feed peers do.
/// </summary>
internal sealed class SyntheticTable
{
    private readonly Prefix[] _prefixes;
    private readonly uint[] _origins;

    public SyntheticTable(int ipv4, int ipv6, int seed = 2011)
    {
        var random = new Random(seed);
        var prefixes = new HashSet<Prefix>();
        while (prefixes.Count < ipv4)
        {
            var length = random.Next(16, 25);
            prefixes.Add(Prefix.IPv4((uint)random.NextInt64(1L << 24, 224L << 24), length));
        }

        while (prefixes.Count < ipv4 + ipv6)
        {
            var high = (UInt128)(0x2000_0000_0000_0000UL | ((ulong)random.NextInt64() & 0x1FFF_FFFF_FFFF_FFFFUL)) << 64;
            prefixes.Add(Prefix.IPv6(high, random.Next(32, 49)));
        }

        _prefixes = [.. prefixes];
        random.Shuffle(_prefixes);
        _origins = [.. _prefixes.Select(_ => (uint)random.Next(64500, 65500))];
    }

    public int Count => _prefixes.Length;

    public IEnumerable<RouteElement> Announcements(int peer, DateTimeOffset at)
    {
        var address = new IPAddress([192, 0, 2, (byte)(peer + 1)]);
        for (var i = 0; i < _prefixes.Length; i++)
        {
            yield return new RouteElement(at, address, (uint)(64700 + peer), _prefixes[i], RouteAction.Announce, _origins[i]);
        }
    }
}
