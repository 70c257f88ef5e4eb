using System.Runtime.InteropServices;

namespace Grid.Bgp.Mrt.Model;

/// <summary>How many records of each type and subtype a reader has met, decodable or not.</summary>
public sealed class MrtRecordCounts
{
    private readonly Dictionary<MrtRecordKind, long> _counts = [];

    public long Total { get; private set; }

    /// <summary>Counts by kind, in type and subtype order.</summary>
    public IReadOnlyList<KeyValuePair<MrtRecordKind, long>> ByKind => [.. _counts.OrderBy(pair => pair.Key)];

    public long this[MrtRecordKind kind] => _counts.GetValueOrDefault(kind);

    internal void Add(MrtRecordKind kind)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, kind, out _)++;
        Total++;
    }
}
