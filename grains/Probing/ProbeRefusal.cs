namespace Grid.Grains.Probing;

/// <summary>Why a probe shard did not take an outside sender's observation of a block it did not know.</summary>
public enum ProbeRefusal : byte
{
    None = 0,

    /// <summary>The sender has added its quota of new blocks (Grid:Probing:MaxNewBlocksPerKey).</summary>
    KeyQuota = 1,

    /// <summary>Outside senders have added as many blocks as the table takes (Grid:Probing:MaxExternalBlocks).</summary>
    TableFull = 2,
}
