using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// Inclusive address ranges in <see cref="Prefix.Bits"/>' left-aligned form. In that form an
/// IPv4 /n and an IPv6 /n cover the same share of the 128-bit space, so one routine serves both
/// families; an IPv4 range always starts on a multiple of 2^96 and ends one below one.
/// </summary>
internal static class AddressRange
{
    /// <summary>The last address of <paramref name="prefix"/>, left-aligned.</summary>
    public static UInt128 LastOf(Prefix prefix) => prefix.Bits | ~Prefix.Mask(prefix.Length);

    /// <summary>
    /// Appends the fewest CIDR prefixes that exactly cover [first, last]: at each step the largest
    /// block that starts at <paramref name="first"/> on its own boundary and does not pass
    /// <paramref name="last"/>. RIR files need this because an IPv4 record gives a start and an
    /// address count that "does not have to represent a CIDR range" (RIR statistics exchange
    /// format, §4.3 "value"): AFRINIC's 196.4.20.0 + 2560 addresses is 196.4.20.0/22, 196.4.24.0/22
    /// and 196.4.28.0/23.
    /// </summary>
    public static void Decompose(UInt128 first, UInt128 last, bool isIPv4, CountryCode country, List<CountryBlock> into)
    {
        foreach (var prefix in Cover(first, last, isIPv4))
        {
            into.Add(new CountryBlock(prefix, country));
        }
    }

    /// <summary>The prefixes of <see cref="Decompose"/>, in address order, without allocating.</summary>
    public static CidrCover Cover(UInt128 first, UInt128 last, bool isIPv4) => new(first, last, isIPv4);

    /// <summary>Walks the fewest CIDR prefixes covering an inclusive range (a foreach over it allocates nothing).</summary>
    public struct CidrCover(UInt128 first, UInt128 last, bool isIPv4)
    {
        private UInt128 _first = first;
        private bool _done;

        public readonly CidrCover GetEnumerator() => this;

        public Prefix Current { get; private set; }

        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            var alignment = _first == UInt128.Zero ? 128 : (int)UInt128.TrailingZeroCount(_first);
            var span = last - _first;
            var fits = span == UInt128.MaxValue ? 128 : 127 - (int)UInt128.LeadingZeroCount(span + 1);
            var hostBits = Math.Min(alignment, fits);
            var length = 128 - hostBits;
            Current = isIPv4 ? Prefix.IPv4((uint)(_first >> 96), length) : Prefix.IPv6(_first, length);
            var end = hostBits == 128 ? UInt128.MaxValue : _first + ((UInt128.One << hostBits) - 1);
            _done = end >= last;
            _first = _done ? _first : end + 1;
            return true;
        }
    }
}
