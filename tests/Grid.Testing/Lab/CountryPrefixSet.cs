using System.Collections.Frozen;
using Grid.Bgp.Model;

namespace Grid.Testing.Lab;

/// <summary>A standard community (RFC 1997), "asn:value".</summary>
public readonly record struct Community(ushort Asn, ushort Value)
{
    public override string ToString() => $"{Asn}:{Value}";
}

/// <summary>
/// One route the country speaker announces. <paramref name="AsPath"/> is the path behind the
/// speaker, left to right as on the wire (transits first, the origin, then its prepends); peers
/// see the speaker's own AS in front of it.
/// </summary>
public sealed record CountryRoute(Prefix Prefix, IReadOnlyList<uint> AsPath, Community Community)
{
    /// <summary>The origin AS: the last AS of the path (RFC 4271 §9.1.2.2 reads it from the end).</summary>
    public uint Origin => AsPath[^1];
}

/// <summary>
/// The prefixes of a pretend country, generated deterministically from a seed (the idea of the
/// lab's gen_prefixes.py, without Python). Country mode puts /24s in 100.64.0.0/10 and /48s in
/// 2001:db8::/32 with short paths (origin, maybe prepended), like one country's networks.
/// Transit mode spreads prefixes over the whole unicast space with 0-5 transit hops in front of the
/// origin, for tables of global size.
/// </summary>
public sealed class CountryPrefixSet
{
    public const int MaxCountryIPv4 = 1 << 14;
    public const int MaxCountryIPv6 = 1 << 16;

    // Real transit ASNs, so paths look like the global table's.
    private static readonly uint[] Transits =
    [
        174, 701, 1299, 2914, 3257, 3356, 3491, 6453, 6461, 6762, 6939, 7018, 9002, 12956,
        20940, 24940, 37100, 4637, 1273, 5511, 8220, 9498, 4826, 7473, 2497, 4766, 15169, 13335,
    ];

    private static readonly int[] TransitHops = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5];
    private static readonly int[] OriginPrepends = [0, 0, 0, 1, 2];

    private CountryPrefixSet(IReadOnlyList<CountryRoute> routes, string description)
    {
        Routes = routes;
        Description = description;
        Prefixes = routes.Select(route => route.Prefix).ToFrozenSet();
        if (Prefixes.Count != routes.Count)
        {
            throw new InvalidOperationException($"{description} generated a prefix twice.");
        }
        IPv4Count = routes.Count(route => route.Prefix.IsIPv4);
    }

    public IReadOnlyList<CountryRoute> Routes { get; }

    public IReadOnlySet<Prefix> Prefixes { get; }

    public int IPv4Count { get; }

    public int IPv6Count => Routes.Count - IPv4Count;

    /// <summary>The parameters, e.g. "country v4=500 v6=100 origins=64500-64510 seed=1"; also a cache key.</summary>
    public string Description { get; }

    public IEnumerable<CountryRoute> IPv4Routes => Routes.Where(route => route.Prefix.IsIPv4);

    public IEnumerable<CountryRoute> IPv6Routes => Routes.Where(route => !route.Prefix.IsIPv4);

    /// <summary>True when <paramref name="asn"/> appears in some path: a peer with that AS drops those routes (loop detection, RFC 4271 §9.1.2).</summary>
    public bool Mentions(uint asn) => Routes.Any(route => route.AsPath.Contains(asn));

    /// <summary>A country's /24s and /48s, originated by <paramref name="firstOrigin"/>..<paramref name="lastOrigin"/>.</summary>
    public static CountryPrefixSet Country(int ipv4, int ipv6, uint firstOrigin = 64500, uint lastOrigin = 64510, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv4, MaxCountryIPv4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6, MaxCountryIPv6);
        var random = new Random(seed);
        var v4 = Enumerable.Range(0, ipv4).Select(i => Prefix.IPv4(CountryIPv4Base + ((uint)i << 8), 24));
        var v6 = Enumerable.Range(0, ipv6).Select(i => Prefix.IPv6(CountryIPv6Base + ((UInt128)(uint)i << 80), 48));
        var routes = v4.Concat(v6).Select(prefix => NewRoute(prefix, random, firstOrigin, lastOrigin, transit: false)).ToList();
        return new CountryPrefixSet(routes, $"country v4={ipv4} v6={ipv6} origins={firstOrigin}-{lastOrigin} seed={seed}");
    }

    /// <summary>Real space: each prefix originated by <paramref name="origin"/> alone (a country's incumbent, say AS6697 for Belarus).</summary>
    public static CountryPrefixSet Originated(IEnumerable<Prefix> prefixes, uint origin, string description)
    {
        var community = new Community((ushort)Math.Min(origin, ushort.MaxValue), 1);
        return new CountryPrefixSet([.. prefixes.Select(prefix => new CountryRoute(prefix, [origin], community))], description);
    }

    /// <summary>A global-size table: /24s and /48s spread over the unicast space, 0-5 transits in front of the origin.</summary>
    public static CountryPrefixSet Transit(int ipv4, int ipv6, uint firstOrigin = 64500, uint lastOrigin = 64999, int seed = 1)
    {
        var random = new Random(seed);
        var routes = SpreadIPv4(ipv4).Concat(SpreadIPv6(ipv6))
            .Select(prefix => NewRoute(prefix, random, firstOrigin, lastOrigin, transit: true)).ToList();
        return new CountryPrefixSet(routes, $"transit v4={ipv4} v6={ipv6} origins={firstOrigin}-{lastOrigin} seed={seed}");
    }

    private static uint CountryIPv4Base => Prefix.Parse("100.64.0.0/10").IPv4Address;

    private static UInt128 CountryIPv6Base => Prefix.Parse("2001:db8::/32").Bits;

    private static CountryRoute NewRoute(Prefix prefix, Random random, uint firstOrigin, uint lastOrigin, bool transit)
    {
        var origin = (uint)random.NextInt64(firstOrigin, (long)lastOrigin + 1);
        var path = new List<uint>();
        if (transit)
        {
            for (var hops = TransitHops[random.Next(TransitHops.Length)]; hops > 0; hops--)
            {
                path.Add(RandomTransit(random));
            }
            path.Add(origin);
        }
        else
        {
            path.AddRange(Enumerable.Repeat(origin, 1 + OriginPrepends[random.Next(OriginPrepends.Length)]));
        }
        var community = new Community((ushort)Math.Min(origin, ushort.MaxValue), (ushort)random.Next(1, 1000));
        return new CountryRoute(prefix, path, community);
    }

    // One hop in 29 is an arbitrary public ASN; documentation and private ASNs (64496-65535) are
    // left out because the lab's own daemons use them and would drop the route as a loop.
    private static uint RandomTransit(Random random)
    {
        var pick = random.Next(Transits.Length + 1);
        if (pick < Transits.Length)
        {
            return Transits[pick];
        }
        uint asn;
        do
        {
            asn = (uint)random.Next(1, 400_000);
        }
        while (asn is >= 64496 and <= 65535);
        return asn;
    }

    // Evenly spaced /24s from 1.0.0.0 up, skipping 10/8, 127/8 and 100.64/10 (the country range).
    private static IEnumerable<Prefix> SpreadIPv4(int count)
    {
        const long firstSlot = 1 << 16; // 1.0.0.0 in units of /24
        const long lastSlot = 224L << 16;
        const long skippedSlots = (2 << 16) + (1 << 14);
        // A few steps of slack: each skipped range can cost one step of rounding.
        var step = Math.Max(1, (lastSlot - firstSlot - skippedSlots) / (Math.Max(count, 1) + 4L));
        var produced = 0;
        for (var slot = firstSlot; produced < count; slot += step)
        {
            if (slot >= lastSlot)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "More /24s than the IPv4 unicast space holds at this spacing.");
            }
            var address = (uint)(slot << 8);
            var firstOctet = address >> 24;
            var secondOctet = (address >> 16) & 0xFF;
            if (firstOctet is 10 or 127 || (firstOctet == 100 && secondOctet is >= 64 and < 128))
            {
                continue;
            }
            produced++;
            yield return Prefix.IPv4(address, 24);
        }
    }

    // /48s in 2400::/7, spaced by a prime number of /48s so they spread over many /32s.
    private static IEnumerable<Prefix> SpreadIPv6(int count)
    {
        var start = Prefix.Parse("2400::/12").Bits;
        for (var i = 0L; i < count; i++)
        {
            yield return Prefix.IPv6(start + ((UInt128)(ulong)(i * 7919) << 80), 48);
        }
    }
}
