using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>
/// How address space is cut into prefix shards: IPv4 by /8 (256 shards), IPv6 by /12 (the
/// global unicast 2000::/3 falls into 512). A route shorter than its shard size is split into
/// shard-sized pieces, so every shard holds whole prefixes and no prefix spans two shards; the
/// union counts in entity grains are unaffected by the split.
/// </summary>
public static class ShardMap
{
    public const int IPv4ShardLength = 8;
    public const int IPv6ShardLength = 12;

    /// <summary>Shard indexes: 0–255 for IPv4 /8s, then 4096 for IPv6 /12s.</summary>
    public const int ShardCount = (1 << IPv4ShardLength) + (1 << IPv6ShardLength);

    // Keys are built once: the hot path looks a shard up per route and must not format strings.
    private static readonly string[] Keys = [.. Enumerable.Range(0, ShardCount).Select(BuildKey)];

    public static int ShardLengthOf(Prefix prefix) => prefix.IsIPv4 ? IPv4ShardLength : IPv6ShardLength;

    /// <summary>The shard index of a prefix at least as long as its shard size.</summary>
    public static int IndexOf(Prefix prefix) =>
        prefix.IsIPv4 ? (int)(prefix.Bits >> (128 - IPv4ShardLength)) : (1 << IPv4ShardLength) + (int)(prefix.Bits >> (128 - IPv6ShardLength));

    public static string KeyAt(int index) => Keys[index];

    private static string BuildKey(int index) => index < 1 << IPv4ShardLength
        ? Prefix.IPv4((uint)index << (32 - IPv4ShardLength), IPv4ShardLength).ToString()
        : Prefix.IPv6((UInt128)(uint)(index - (1 << IPv4ShardLength)) << (128 - IPv6ShardLength), IPv6ShardLength).ToString();

    /// <summary>The shard key of a prefix at least as long as its shard size.</summary>
    public static string ShardOf(Prefix prefix) => Keys[IndexOf(prefix)];

    /// <summary>The pieces of <paramref name="prefix"/> that shards store: itself, or its shard-sized pieces.</summary>
    public static void Split(Prefix prefix, List<Prefix> pieces)
    {
        var shardLength = ShardLengthOf(prefix);
        if (prefix.Length >= shardLength)
        {
            pieces.Add(prefix);
            return;
        }

        var count = 1 << (shardLength - prefix.Length);
        var step = UInt128.One << (128 - shardLength);
        for (var i = 0; i < count; i++)
        {
            var bits = prefix.Bits + (step * (uint)i);
            pieces.Add(prefix.IsIPv4 ? Prefix.IPv4((uint)(bits >> 96), shardLength) : Prefix.IPv6(bits, shardLength));
        }
    }
}
