using System.Globalization;
using System.Net;

namespace Grid.Silo.Tests.Oracle;

/// <summary>
/// IPv4 addresses [<see cref="Start"/>, <see cref="End"/>) as plain integers: what the oracles
/// count with instead of Grid's prefix and visible-space types, so that they check those types
/// rather than repeat them.
/// </summary>
internal readonly record struct AddressSpan(ulong Start, ulong End)
{
    /// <summary>An IPv4 CIDR (<c>80.0.0.0/8</c>); null for IPv6 or anything else. Host bits are cleared.</summary>
    public static AddressSpan? ParseIPv4(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(cidr[..slash], out var address)
            || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > 32)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var value = ((ulong)bytes[0] << 24) | ((ulong)bytes[1] << 16) | ((ulong)bytes[2] << 8) | bytes[3];
        var size = 1UL << (32 - length);
        var start = value & ~(size - 1);
        return new AddressSpan(start, start + size);
    }

    public AddressSpan? Intersect(AddressSpan other)
    {
        var start = Math.Max(Start, other.Start);
        var end = Math.Min(End, other.End);
        return start < end ? new AddressSpan(start, end) : null;
    }

    /// <summary>
    /// How many distinct /24s the spans touch: a /24 counts once however many spans cover it, and
    /// once when only part of it is covered (a /26 is one /24).
    /// </summary>
    public static long Slash24s(IEnumerable<AddressSpan> spans)
    {
        long total = 0;
        ulong reach = 0;
        foreach (var (first, end) in spans.Select(s => (First: s.Start >> 8, End: ((s.End - 1) >> 8) + 1)).OrderBy(s => s.First))
        {
            if (end > reach)
            {
                total += (long)(end - Math.Max(first, reach));
                reach = end;
            }
        }

        return total;
    }
}
