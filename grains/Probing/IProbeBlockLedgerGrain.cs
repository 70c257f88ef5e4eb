namespace Grid.Grains.Probing;

/// <summary>
/// Counts the blocks outside senders added to the probe shards, per key and in all, so one ingest key
/// cannot fill the shards' tables: a shard asks for room before it adds a sender's new blocks.
/// One grain for the cluster (key <see cref="Key"/>); it is called only for blocks no shard knew.
/// </summary>
public interface IProbeBlockLedgerGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Room for up to <paramref name="wanted"/> new blocks of <paramref name="sender"/>: how many it may add, and why not more.</summary>
    Task<BlockGrant> Grant(string sender, int wanted);
}
