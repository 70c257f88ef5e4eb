using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// One address family flattened into consecutive ranges of one country each, covering the whole
/// space (ZZ where no block lies): every address belongs to the most specific block containing
/// it. This is what attributes address space; splitting a prefix is a walk over the ranges it
/// overlaps, and a prefix inside one range (nearly every routed prefix) costs one binary search.
/// </summary>
internal sealed class CountryRanges
{
    private readonly UInt128[] _starts;
    private readonly CountryCode[] _countries;

    /// <param name="blocks">One family, ascending in <see cref="Prefix"/> order, no prefix twice.</param>
    public CountryRanges(IReadOnlyList<CountryBlock> blocks)
    {
        var starts = new List<UInt128>();
        var countries = new List<CountryCode>();
        void Begin(UInt128 start, CountryCode country)
        {
            // Neighbouring ranges of one country merge, so a range boundary is always a change.
            if (countries.Count == 0 || countries[^1] != country)
            {
                starts.Add(start);
                countries.Add(country);
            }
        }

        // A sweep with the stack of blocks open at the cursor: each stretch of addresses goes to the
        // innermost open block, and a stretch outside every block to ZZ.
        var open = new Stack<(UInt128 Last, CountryCode Country)>();
        var cursor = UInt128.Zero;
        foreach (var block in blocks)
        {
            var first = block.Prefix.Bits;
            while (open.Count > 0 && open.Peek().Last < first)
            {
                var (last, country) = open.Pop();
                if (cursor <= last)
                {
                    Begin(cursor, country);
                    cursor = last + 1;
                }
            }

            if (cursor < first)
            {
                Begin(cursor, open.Count > 0 ? open.Peek().Country : CountryCode.Unknown);
            }

            cursor = first;
            open.Push((AddressRange.LastOf(block.Prefix), block.Country));
        }

        var reachedEnd = false;
        while (open.Count > 0)
        {
            var (last, country) = open.Pop();
            if (!reachedEnd && cursor <= last)
            {
                Begin(cursor, country);
                reachedEnd = last == UInt128.MaxValue;
                cursor = reachedEnd ? cursor : last + 1;
            }
        }

        if (!reachedEnd)
        {
            Begin(cursor, CountryCode.Unknown);
        }

        _starts = [.. starts];
        _countries = [.. countries];
    }

    public int Count => _starts.Length;

    /// <summary>Appends the pieces of <paramref name="prefix"/> by country; they partition it exactly.</summary>
    public void Split(Prefix prefix, List<CountryBlock> pieces)
    {
        var first = prefix.Bits;
        var last = AddressRange.LastOf(prefix);
        var i = SortedAddresses.LastAtOrBefore(_starts, first);
        var rangeLast = RangeLast(i);
        if (rangeLast >= last)
        {
            pieces.Add(new CountryBlock(prefix, _countries[i]));
            return;
        }

        while (true)
        {
            var pieceLast = rangeLast < last ? rangeLast : last;
            AddressRange.Decompose(first, pieceLast, prefix.IsIPv4, _countries[i], pieces);
            if (pieceLast == last)
            {
                return;
            }

            first = pieceLast + 1;
            rangeLast = RangeLast(++i);
        }
    }

    private UInt128 RangeLast(int i) => i + 1 < _starts.Length ? _starts[i + 1] - 1 : UInt128.MaxValue;
}
