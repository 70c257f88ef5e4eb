using System.Runtime.CompilerServices;
using Grid.Bgp.Model;

namespace Grid.Cli.Mrt;

/// <summary>
/// The pieces RIB lines ("B") and UPDATE lines ("A", "W") of <c>bgpdump -m</c> share: addresses and
/// prefixes in the session's family, the next hop, "aspath|origin|" and everything after the next hop.
/// </summary>
internal static class BgpdumpRouteText
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint NextHopOrNone(PathAttributes attributes) =>
        attributes.Has(PathAttributeType.NextHop) ? attributes.NextHop.IPv4Value : 0xFFFFFFFF;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint NextHopUnionIPv4(ReadOnlySpan<byte> nextHop) => (uint)(BgpdumpText.NextHopUnion(nextHop) >> 96);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteAddress(Utf8Output to, IPAddressValue address, bool ipv6)
    {
        if (ipv6)
        {
            BgpdumpText.IPv6(to, address.Bits);
        }
        else
        {
            BgpdumpText.IPv4(to, (uint)(address.Bits >> 96));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WritePrefix(Utf8Output to, NlriPrefix prefix, bool ipv6)
    {
        WriteAddress(to, IPAddressValue.IPv6(prefix.RawBits), ipv6);
        to.Write((byte)'/');
        to.Write((uint)prefix.Length);
    }

    /// <summary>"aspath|origin|".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WritePathAndOrigin(Utf8Output to, PathAttributes attributes, BgpdumpAs4Merge merge)
    {
        BgpdumpAttributeText.AsPath(to, attributes, merge);
        to.Write((byte)'|');
        to.Write(BgpdumpText.Origin(attributes));
        to.Write((byte)'|');
    }

    /// <summary>"|pref|med|" then "communities|AG|aggregator|\n" (the next hop is already written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WritePreferenceAndRest(Utf8Output to, PathAttributes attributes, bool signed)
    {
        to.Write((byte)'|');
        var preference = attributes.Has(PathAttributeType.LocalPref) ? attributes.LocalPref : 0;
        var med = attributes.Has(PathAttributeType.MultiExitDisc) ? attributes.MultiExitDisc : 0;
        if (signed)
        {
            to.Write((int)preference);
            to.Write((byte)'|');
            to.Write((int)med);
        }
        else
        {
            to.Write(preference);
            to.Write((byte)'|');
            to.Write(med);
        }
        to.Write((byte)'|');
        WriteRest(to, attributes);
    }

    /// <summary>"communities|AG or NAG|aggregator AS and address|\n".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteRest(Utf8Output to, PathAttributes attributes)
    {
        if (attributes.Has(PathAttributeType.Communities))
        {
            BgpdumpAttributeText.Communities(to, attributes);
        }
        to.Write((byte)'|');
        to.Write(attributes.AtomicAggregate ? "AG|"u8 : "NAG|"u8);
        if (attributes.Has(PathAttributeType.Aggregator) && attributes.AggregatorAddress.IPv4Value != 0xFFFFFFFF)
        {
            to.Write(attributes.AggregatorAsn);
            to.Write((byte)' ');
            BgpdumpText.IPv4(to, attributes.AggregatorAddress.IPv4Value);
        }
        to.Write("|\n"u8);
    }
}
