using System.Net;
using System.Net.Sockets;

namespace Grid.Grains.Alerts;

/// <summary>
/// The addresses a webhook may not connect to: everything that is not a public unicast host,
/// after IANA's special-purpose registries (RFC 6890) and the ranges that carry an IPv4 address
/// inside an IPv6 one, so that <c>[::ffff:127.0.0.1]</c> or <c>[64:ff9b::a9fe:a9fe]</c> cannot reach
/// loopback or a cloud's metadata service (169.254.169.254) by another spelling.
/// </summary>
public static class SpecialPurposeAddresses
{
    /// <summary>IPv4 ranges; the first that holds an address names it.</summary>
    public static readonly IReadOnlyList<SpecialPurposeRange> IPv4 =
    [
        new("0.0.0.0/8", "this network", "RFC 1122 §3.2.1.3"),
        new("10.0.0.0/8", "private", "RFC 1918"),
        new("100.64.0.0/10", "shared address space (carrier-grade NAT)", "RFC 6598"),
        new("127.0.0.0/8", "loopback", "RFC 1122 §3.2.1.3"),
        new("169.254.0.0/16", "link-local, where cloud metadata services answer", "RFC 3927"),
        new("172.16.0.0/12", "private", "RFC 1918"),
        new("192.0.0.0/24", "IETF protocol assignments", "RFC 6890 §2.2.2"),
        new("192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"),
        new("192.88.99.0/24", "6to4 relay anycast, deprecated", "RFC 7526"),
        new("192.168.0.0/16", "private", "RFC 1918"),
        new("198.18.0.0/15", "benchmarking", "RFC 2544"),
        new("198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"),
        new("203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"),
        new("224.0.0.0/4", "multicast", "RFC 5771"),
        new("255.255.255.255/32", "limited broadcast", "RFC 919"),
        new("240.0.0.0/4", "reserved", "RFC 1112 §4"),
    ];

    /// <summary>
    /// IPv6 ranges; the first that holds an address names it. IPv4-mapped addresses
    /// (<c>::ffff:0:0/96</c>) are judged by the IPv4 address they carry, before this list.
    /// </summary>
    public static readonly IReadOnlyList<SpecialPurposeRange> IPv6 =
    [
        new("::/128", "unspecified", "RFC 4291 §2.5.2"),
        new("::1/128", "loopback", "RFC 4291 §2.5.3"),
        // Deprecated, and an IPv4 address inside would be reached by a stack that still honours it.
        new("::/96", "IPv4-compatible, deprecated", "RFC 4291 §2.5.5.1"),
        // A NAT64 gateway turns these into the IPv4 address they carry, whatever it is.
        new("64:ff9b::/96", "NAT64 well-known prefix", "RFC 6052"),
        new("64:ff9b:1::/48", "NAT64 local-use prefix", "RFC 8215"),
        new("100::/64", "discard-only", "RFC 6666"),
        new("2001::/32", "Teredo", "RFC 4380"),
        new("2001::/23", "IETF protocol assignments", "RFC 2928"),
        new("2001:db8::/32", "documentation", "RFC 3849"),
        // A 6to4 relay reaches the IPv4 address in bits 16–47, whatever it is.
        new("2002::/16", "6to4", "RFC 3056"),
        new("3fff::/20", "documentation", "RFC 9637"),
        new("5f00::/16", "segment routing (SRv6) SIDs", "RFC 9602"),
        new("fc00::/7", "unique local", "RFC 4193"),
        new("fe80::/10", "link-local", "RFC 4291 §2.5.6"),
        new("fec0::/10", "site-local, deprecated", "RFC 3879"),
        new("ff00::/8", "multicast", "RFC 4291 §2.7"),
    ];

    /// <summary>Everything else outside 2000::/3 is unassigned or reserved: only global unicast is public (RFC 4291 §2.4).</summary>
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>Null when <paramref name="address"/> is a public unicast host; otherwise why not, in words for the user.</summary>
    public static string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            var inner = address.MapToIPv4();
            return Find(inner, IPv4) is { } mapped ? $"{address} maps {inner}, in {mapped}" : null;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(address, IPv4) is { } range ? $"{address} is in {range}" : null;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"{address} is not an IP address";
        }

        // Compare without a zone: fe80::1%2 is link-local like fe80::1.
        var bare = address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        return Find(bare, IPv6) is { } v6 ? $"{address} is in {v6}"
            : GlobalUnicast.Contains(bare) ? null
            : $"{address} is outside global unicast 2000::/3 (RFC 4291 §2.4)";
    }

    /// <summary>True when <paramref name="address"/> is anything but a public unicast host.</summary>
    public static bool IsSpecial(IPAddress address) => Refusal(address) is not null;

    private static SpecialPurposeRange? Find(IPAddress address, IReadOnlyList<SpecialPurposeRange> ranges)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return range;
            }
        }

        return null;
    }
}
