using Grid.Grains.Visibility;

namespace Grid.Grains.Probing;

/// <summary>
/// How /24 space is cut into probe shards: by the IPv4 partition of the prefix shards
/// (<see cref="ShardMap"/>, one shard per /8), so a block's probe shard has the key of its prefix
/// shard (<c>62.0.0.0/8</c>) and a hitlist of 4.2M blocks spreads over 256 grains.
/// </summary>
public static class ProbeShards
{
    public const int Count = 1 << ShardMap.IPv4ShardLength;

    public static int IndexOf(uint address) => (int)(address >> (32 - ShardMap.IPv4ShardLength));

    public static string KeyOf(uint address) => ShardMap.KeyAt(IndexOf(address));

    public static string KeyAt(int index) => ShardMap.KeyAt(index);
}
