using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// Longest-prefix match over the blocks of one address family, without a trie: the blocks sorted
/// by (address, length) as parallel arrays, each with the index of its nearest enclosing block.
/// Prefixes are nested or disjoint, so the most specific block containing a prefix P is the last
/// block starting at or before P, or one of its enclosing blocks: a binary search, then a walk up
/// as deep as registries nest (rarely more than two). No allocation per lookup.
/// </summary>
internal sealed class LongestMatchTable
{
    private readonly UInt128[] _bits;
    private readonly byte[] _lengths;
    private readonly int[] _parents;
    private readonly CountryCode[] _countries;

    /// <param name="blocks">One family, ascending in <see cref="Prefix"/> order, no prefix twice.</param>
    public LongestMatchTable(IReadOnlyList<CountryBlock> blocks)
    {
        _bits = new UInt128[blocks.Count];
        _lengths = new byte[blocks.Count];
        _parents = new int[blocks.Count];
        _countries = new CountryCode[blocks.Count];
        var enclosing = new Stack<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var prefix = blocks[i].Prefix;
            _bits[i] = prefix.Bits;
            _lengths[i] = prefix.Length;
            _countries[i] = blocks[i].Country;

            // In this order a block's ancestors are exactly the open blocks that still contain it.
            while (enclosing.Count > 0 && !Contains(enclosing.Peek(), prefix))
            {
                enclosing.Pop();
            }

            _parents[i] = enclosing.Count > 0 ? enclosing.Peek() : -1;
            enclosing.Push(i);
        }
    }

    public int Count => _bits.Length;

    public CountryCode CountryOf(Prefix prefix)
    {
        // Every block containing the prefix starts at or before it, and the most specific one
        // encloses (or is) the last block that does, so it is on that block's chain of parents.
        var i = SortedAddresses.LastAtOrBefore(_bits, prefix.Bits);
        while (i >= 0)
        {
            if (Contains(i, prefix))
            {
                return _countries[i];
            }

            i = _parents[i];
        }

        return CountryCode.Unknown;
    }

    private bool Contains(int block, Prefix prefix) =>
        _lengths[block] <= prefix.Length && (prefix.Bits & Prefix.Mask(_lengths[block])) == _bits[block];
}
