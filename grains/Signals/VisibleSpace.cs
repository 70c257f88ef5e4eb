using System.Runtime.InteropServices;
using Grid.Bgp.Model;

namespace Grid.Grains.Signals;

/// <summary>
/// The union of an entity's visible prefixes, counted in blocks of one unit (/24 for IPv4, /48 for
/// IPv6): a /16 and a /24 inside it count 256, not 257. Prefixes are either nested or disjoint, so
/// the union is the sum of the maximal prefixes; adding or removing one prefix changes it by its
/// size minus the maximal prefixes it covers, unless an ancestor already covers it.
/// A small space (up to <see cref="SmallLimit"/> prefixes) keeps them in one list, scanned whole.
/// A larger one keeps them in buckets of /16 (IPv4) or /32 (IPv6): the ancestors and more-specifics
/// of a prefix at least that long are all in its own bucket, so one short scan answers both
/// questions. Prefix shards keep a space per entity per shard, and most hold a handful of prefixes
/// (a full table: some 400k AS × shard spaces of about five): a dictionary and a list per prefix
/// each made the end of a table load allocation-bound.
/// </summary>
public sealed class VisibleSpace
{
    /// <summary>Prefixes a space keeps in its one list before it sorts them into buckets.</summary>
    public const int SmallLimit = 16;

    // Each stored prefix with its reference count lives in exactly one list: its bucket, or the
    // short list (every prefix while the space is small, then the prefixes shorter than a bucket).
    // No separate count table: the scan that answers coverage also finds it.
    private Dictionary<Prefix, List<Entry>>? _buckets;

    private static readonly Dictionary<Prefix, List<Entry>> NoBuckets = [];

    private Dictionary<Prefix, List<Entry>> Buckets => _buckets ?? NoBuckets;
    // Allocated on first use: prefix shards keep one space per entity per shard, most holding a few prefixes.
    private List<Entry>? _short;
    // Scratch for one Add or Remove, which run start to end on one thread: shared per thread, not per space.
    [ThreadStatic]
    private static List<Prefix>? _insideScratch;
    private readonly int _bucketLength;

    public VisibleSpace(int unitLength)
    {
        UnitLength = unitLength;
        _bucketLength = unitLength - 8 - (unitLength > 32 ? 8 : 0);
    }

    public int UnitLength { get; }

    /// <summary>Distinct unit blocks covered.</summary>
    public long Blocks { get; private set; }

    public int PrefixCount { get; private set; }

    /// <summary>Adds one reference to <paramref name="prefix"/>; returns the change in <see cref="Blocks"/>.</summary>
    public long Add(Prefix prefix)
    {
        prefix = prefix.Truncate(UnitLength);
        var list = ListOf(prefix, create: true)!;
        var entries = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Prefix == prefix)
            {
                entries[i].References++;
                return 0;
            }
        }

        var delta = Covered(prefix) ? 0 : prefix.CountOf(UnitLength) - MaximalInsideBlocks();
        list.Add(new Entry(prefix));
        PrefixCount++;
        Blocks += delta;
        if (_buckets is null && ReferenceEquals(list, _short) && list.Count > SmallLimit)
        {
            SortIntoBuckets();
        }

        return delta;
    }

    /// <summary>The space outgrew one list: prefixes at least a bucket long move to their buckets for good.</summary>
    private void SortIntoBuckets()
    {
        _buckets = [];
        var kept = new List<Entry>();
        foreach (var entry in _short!)
        {
            if (entry.Prefix.Length < _bucketLength)
            {
                kept.Add(entry);
                continue;
            }

            var key = entry.Prefix.Truncate(_bucketLength);
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                _buckets[key] = bucket = new List<Entry>(2);
            }

            bucket.Add(entry);
        }

        _short = kept;
    }

    /// <summary>Removes one reference to <paramref name="prefix"/>; returns the change in <see cref="Blocks"/>.</summary>
    public long Remove(Prefix prefix)
    {
        prefix = prefix.Truncate(UnitLength);
        var list = ListOf(prefix, create: false);
        var index = list is null ? -1 : IndexOf(list, prefix);
        if (index < 0)
        {
            return 0;
        }

        var entries = CollectionsMarshal.AsSpan(list);
        if (entries[index].References > 1)
        {
            entries[index].References--;
            return 0;
        }

        // Order inside a list does not matter: move the last entry into the hole.
        entries[index] = entries[^1];
        list!.RemoveAt(list.Count - 1);
        if (list.Count == 0 && !ReferenceEquals(list, _short))
        {
            _buckets!.Remove(prefix.Truncate(_bucketLength));
        }

        PrefixCount--;
        var delta = Covered(prefix) ? 0 : -(prefix.CountOf(UnitLength) - MaximalInsideBlocks());
        Blocks += delta;
        return delta;
    }

    /// <summary>Every stored prefix with its reference count (any order), for a snapshot.</summary>
    public IEnumerable<(Prefix Prefix, int References)> Entries() =>
        (_short ?? []).Concat(Buckets.Values.SelectMany(bucket => bucket)).Select(entry => (entry.Prefix, entry.References));

    private List<Entry>? ListOf(Prefix prefix, bool create)
    {
        if (prefix.Length < _bucketLength || _buckets is null)
        {
            return _short ??= create ? new List<Entry>(4) : null;
        }

        var key = prefix.Truncate(_bucketLength);
        if (Buckets.TryGetValue(key, out var bucket) || !create)
        {
            return bucket;
        }

        (_buckets ??= [])[key] = bucket = new List<Entry>(2);
        return bucket;
    }

    private static int IndexOf(List<Entry> list, Prefix prefix)
    {
        var entries = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Prefix == prefix)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether a stored prefix covers <paramref name="prefix"/>; also collects the stored prefixes inside it into the per-thread scratch list.</summary>
    private bool Covered(Prefix prefix)
    {
        _insideScratch ??= [];
        _insideScratch.Clear();
        var covered = false;
        foreach (var (other, _) in _short ?? [])
        {
            covered |= other.Length < prefix.Length && other.Contains(prefix);
            Collect(prefix, other);
        }

        if (prefix.Length >= _bucketLength)
        {
            if (Buckets.TryGetValue(prefix.Truncate(_bucketLength), out var bucket))
            {
                foreach (var (other, _) in bucket)
                {
                    covered |= other.Length < prefix.Length && other.Contains(prefix);
                    Collect(prefix, other);
                }
            }

            return covered;
        }

        // A short prefix (rare: shards cut routes to /8 or /12 at most) spans many buckets.
        var spanned = 1L << (_bucketLength - prefix.Length);
        if (spanned <= Buckets.Count)
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
            foreach (var key in Buckets.Keys.Where(prefix.Contains).ToList())
            {
                CollectBucket(prefix, key);
            }
        }

        return covered;
    }

    private void CollectBucket(Prefix prefix, Prefix key)
    {
        if (Buckets.TryGetValue(key, out var bucket))
        {
            foreach (var (other, _) in bucket)
            {
                Collect(prefix, other);
            }
        }
    }

    private void Collect(Prefix prefix, Prefix other)
    {
        if (other.Length > prefix.Length && prefix.Contains(other))
        {
            _insideScratch!.Add(other);
        }
    }

    /// <summary>Blocks covered by the prefixes <see cref="Covered"/> found inside the one being changed.</summary>
    private long MaximalInsideBlocks()
    {
        if (_insideScratch!.Count == 0)
        {
            return 0;
        }

        _insideScratch!.Sort();
        long blocks = 0;
        Prefix? maximal = null;
        foreach (var inside in _insideScratch!)
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

    private record struct Entry(Prefix Prefix, int References = 1);
}
