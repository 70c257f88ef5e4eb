using Grid.Bgp.Model;

namespace Grid.Grains.Signals;

/// <summary>
/// The union of an entity's visible prefixes, counted in blocks of one unit (/24 for IPv4, /48 for
/// IPv6): a /16 and a /24 inside it count 256, not 257. Prefixes are either nested or disjoint, so
/// the union is the sum of the maximal prefixes; adding or removing one prefix changes it by its
/// size minus the maximal prefixes it covers, unless an ancestor already covers it.
/// Prefixes are kept in buckets of /16 (IPv4) or /32 (IPv6): the ancestors and more-specifics of a
/// prefix at least that long are all in its own bucket, so one short scan answers both questions.
/// </summary>
public sealed class VisibleSpace
{
    private readonly Dictionary<Prefix, int> _references = [];
    private readonly Dictionary<Prefix, List<Prefix>> _buckets = [];
    private readonly List<Prefix> _short = [];
    private readonly List<Prefix> _inside = [];
    private readonly int _bucketLength;

    public VisibleSpace(int unitLength)
    {
        UnitLength = unitLength;
        _bucketLength = unitLength - 8 - (unitLength > 32 ? 8 : 0);
    }

    public int UnitLength { get; }

    /// <summary>Distinct unit blocks covered.</summary>
    public long Blocks { get; private set; }

    public int PrefixCount => _references.Count;

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

        var delta = Covered(prefix) ? 0 : prefix.CountOf(UnitLength) - MaximalInsideBlocks();
        Store(prefix);
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
        Unstore(prefix);
        var delta = Covered(prefix) ? 0 : -(prefix.CountOf(UnitLength) - MaximalInsideBlocks());
        Blocks += delta;
        return delta;
    }

    /// <summary>Whether a stored prefix covers <paramref name="prefix"/>; also collects the stored prefixes inside it into <see cref="_inside"/>.</summary>
    private bool Covered(Prefix prefix)
    {
        _inside.Clear();
        var covered = false;
        foreach (var other in _short)
        {
            covered |= other.Contains(prefix);
            Collect(prefix, other);
        }

        if (prefix.Length >= _bucketLength)
        {
            if (_buckets.TryGetValue(prefix.Truncate(_bucketLength), out var bucket))
            {
                foreach (var other in bucket)
                {
                    covered |= other.Length < prefix.Length && other.Contains(prefix);
                    Collect(prefix, other);
                }
            }

            return covered;
        }

        // A short prefix (rare: shards cut routes to /8 or /12 at most) spans many buckets.
        var spanned = 1L << (_bucketLength - prefix.Length);
        if (spanned <= _buckets.Count)
        {
            var step = UInt128.One << (128 - _bucketLength);
            for (var i = 0L; i < spanned; i++)
            {
                var key = prefix.IsIPv4 ? Prefix.IPv4((uint)((prefix.Bits + (step * (ulong)i)) >> 96), _bucketLength) : Prefix.IPv6(prefix.Bits + (step * (ulong)i), _bucketLength);
                CollectBucket(prefix, key);
            }
        }
        else
        {
            foreach (var key in _buckets.Keys.Where(prefix.Contains).ToList())
            {
                CollectBucket(prefix, key);
            }
        }

        return covered;
    }

    private void CollectBucket(Prefix prefix, Prefix key)
    {
        if (_buckets.TryGetValue(key, out var bucket))
        {
            foreach (var other in bucket)
            {
                Collect(prefix, other);
            }
        }
    }

    private void Collect(Prefix prefix, Prefix other)
    {
        if (other.Length > prefix.Length && prefix.Contains(other))
        {
            _inside.Add(other);
        }
    }

    /// <summary>Blocks covered by the prefixes <see cref="Covered"/> found inside the one being changed.</summary>
    private long MaximalInsideBlocks()
    {
        if (_inside.Count == 0)
        {
            return 0;
        }

        _inside.Sort();
        long blocks = 0;
        Prefix? maximal = null;
        foreach (var inside in _inside)
        {
            if (maximal is { } m && m.Contains(inside))
            {
                continue;
            }

            maximal = inside;
            blocks += inside.CountOf(UnitLength);
        }

        return blocks;
    }

    private void Store(Prefix prefix)
    {
        if (prefix.Length < _bucketLength)
        {
            _short.Add(prefix);
            return;
        }

        var key = prefix.Truncate(_bucketLength);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            _buckets[key] = bucket = new List<Prefix>(2);
        }

        bucket.Add(prefix);
    }

    private void Unstore(Prefix prefix)
    {
        if (prefix.Length < _bucketLength)
        {
            _short.Remove(prefix);
            return;
        }

        var key = prefix.Truncate(_bucketLength);
        var bucket = _buckets[key];
        bucket.Remove(prefix);
        if (bucket.Count == 0)
        {
            _buckets.Remove(key);
        }
    }
}
