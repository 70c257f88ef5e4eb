using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Cli.Mrt;

/// <summary>
/// bgpdump 1.6's spelling of addresses, AS paths and communities, octet for octet. Where it
/// differs from the RFCs' recommended text forms it is kept on purpose: `grid mrt dump -m` must
/// print exactly what `bgpdump -m` prints, so scripts built on either read both.
/// </summary>
internal static class BgpdumpText
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void IPv4(Utf8Output output, uint address)
    {
        output.Write(address >> 24);
        output.Write((byte)'.');
        output.Write((address >> 16) & 0xFF);
        output.Write((byte)'.');
        output.Write((address >> 8) & 0xFF);
        output.Write((byte)'.');
        output.Write(address & 0xFF);
    }

    /// <summary>
    /// IPv6 as bgpdump's fmt_ipv6 writes it: "::ffff:a.b.c.d" for mapped and "::a.b.c.d" for
    /// compatible addresses (last 32 bits above 1), groups without leading zeros, and the longest
    /// (leftmost) run of zero groups as "::" even when it is a single group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void IPv6(Utf8Output output, UInt128 address)
    {
        var high = (ulong)(address >> 64);
        var low = (ulong)address;
        if (high == 0 && (low >> 32) is 0xFFFF or 0 && (low >> 32 == 0xFFFF || (uint)low > 1))
        {
            output.Write(low >> 32 == 0xFFFF ? "::ffff:"u8 : "::"u8);
            IPv4(output, (uint)low);
            return;
        }

        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(address >> (112 - 16 * i));
        }
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            var run = 0;
            while (i + run < 8 && groups[i + run] == 0)
            {
                run++;
            }
            if (run > bestLength)
            {
                (bestStart, bestLength) = (i, run);
            }
            i += Math.Max(run, 1);
        }

        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                if (i == 0)
                {
                    output.Write((byte)':');
                }
                output.Write((byte)':');
                i += bestLength - 1;
                continue;
            }
            var group = groups[i];
            var started = false;
            for (var shift = 12; shift >= 0; shift -= 4)
            {
                var nibble = (group >> shift) & 0xF;
                if (started || nibble != 0 || shift == 0)
                {
                    output.Write(Hex[nibble]);
                    started = true;
                }
            }
            if (i != 7)
            {
                output.Write((byte)':');
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Address(Utf8Output output, IPAddressValue address)
    {
        if (address.IsIPv4)
        {
            IPv4(output, address.IPv4Value);
        }
        else
        {
            IPv6(output, address.Bits);
        }
    }

    /// <summary>A next-hop field as bgpdump's 16-octet address union holds it: 4 octets then zeros, or the first 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static UInt128 NextHopUnion(ReadOnlySpan<byte> nextHop)
    {
        Span<byte> union = stackalloc byte[16];
        union.Clear();
        if (nextHop.Length is 4 or 16 or 32)
        {
            nextHop[..Math.Min(16, nextHop.Length)].CopyTo(union);
        }
        return BinaryPrimitives.ReadUInt128BigEndian(union);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Origin(PathAttributes attributes) => !attributes.Has(PathAttributeType.Origin) ? "INCOMPLETE"u8
        : attributes.Origin switch
        {
            Grid.Bgp.Model.Origin.Igp => "IGP"u8,
            Grid.Bgp.Model.Origin.Egp => "EGP"u8,
            _ => "INCOMPLETE"u8,
        };
}
