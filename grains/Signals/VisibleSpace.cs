using Grid.Bgp.Model;

namespace Grid.Grains.Signals;

/// <summary>
/// The union of an entity's visible prefixes, counted in blocks of one unit (/24 for IPv4, /48 for
/// IPv6): a /16 and a /24 inside it count 256, not 257. Prefixes are either nested or disjoint, so
/// the union is the sum of the maximal prefixes; adding or removing one prefix changes it by its
/// size minus the maximal prefixes it covers, unless an ancestor already covers it. Each update
/// costs a few hash lookups plus a range scan over the prefix's own more-specifics.
/// </summary>
public sealed class VisibleSpace(int unitLength)
{
    private readonly Dictionary<Prefix, int> _references = [];
    private readonly SortedSet<Prefix> _sorted = [];
    private readonly int[] _prefixesOfLength = new int[unitLength + 1];

    public int UnitLength { get; } = unitLength;

    /// <summary>Distinct unit blocks covered.</summary>
    public long Blocks { get; private set; }

    public int PrefixCount => _sorted.Count;

    /// <summary>Adds one reference to <paramref name="prefix"/>; returns the change in <see cref="Blocks"/>.</summary>
    public long Add(Prefix prefix)
    {
        prefix = prefix.Truncate(UnitLength);
        var references = _references.GetValueOrDefault(prefix);
        _references[prefix] = references + 1;
        if (references > 0)
        {
            return 0;
        }

        var delta = CoveredByAncestor(prefix) ? 0 : prefix.CountOf(UnitLength) - MaximalDescendantBlocks(prefix);
        _sorted.Add(prefix);
        _prefixesOfLength[prefix.Length]++;
        Blocks += delta;
        return delta;
    }

    /// <summary>Removes one reference to <paramref name="prefix"/>; returns the change in <see cref="Blocks"/>.</summary>
    public long Remove(Prefix prefix)
    {
        prefix = prefix.Truncate(UnitLength);
        if (!_references.TryGetValue(prefix, out var references))
        {
            return 0;
        }

        if (references > 1)
        {
            _references[prefix] = references - 1;
            return 0;
        }

        _references.Remove(prefix);
        _sorted.Remove(prefix);
        _prefixesOfLength[prefix.Length]--;
        var delta = CoveredByAncestor(prefix) ? 0 : -(prefix.CountOf(UnitLength) - MaximalDescendantBlocks(prefix));
        Blocks += delta;
        return delta;
    }

    private bool CoveredByAncestor(Prefix prefix)
    {
        for (var length = 0; length < prefix.Length; length++)
        {
            if (_prefixesOfLength[length] > 0 && _references.ContainsKey(prefix.Truncate(length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Blocks covered by the prefixes strictly inside <paramref name="prefix"/>.</summary>
    private long MaximalDescendantBlocks(Prefix prefix)
    {
        if (prefix.Length == UnitLength || _sorted.Count == 0)
        {
            return 0;
        }

        var last = prefix.IsIPv4
            ? Prefix.IPv4((uint)((prefix.Bits | ~Prefix.Mask(prefix.Length)) >> 96), UnitLength)
            : Prefix.IPv6(prefix.Bits | ~Prefix.Mask(prefix.Length), UnitLength);
        long blocks = 0;
        Prefix? maximal = null;
        foreach (var inside in _sorted.GetViewBetween(prefix, last))
        {
            if (inside == prefix || (maximal is { } m && m.Contains(inside)))
            {
                continue;
            }

            maximal = inside;
            blocks += inside.CountOf(UnitLength);
        }

        return blocks;
    }
}
