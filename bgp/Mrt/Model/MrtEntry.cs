namespace Grid.Bgp.Mrt.Model;

/// <summary>What a decoded record holds.</summary>
public enum MrtEntryKind
{
    /// <summary>A record type or subtype this reader counts but does not decode.</summary>
    Unsupported,
    PeerIndexTable,
    Rib,
    Bgp4mpMessage,
    Bgp4mpStateChange,
}

/// <summary>
/// The current record of an <see cref="MrtReader"/>, decoded. One instance is reused for every
/// record, so nothing here survives the reader's next move; copy what you keep.
/// </summary>
public sealed class MrtEntry
{
    public MrtHeader Header { get; internal set; }

    public MrtEntryKind Kind { get; internal set; }

    /// <summary>The peer index table in force (the last PEER_INDEX_TABLE read), if any.</summary>
    public PeerIndexTable? PeerIndexTable { get; internal set; }

    public RibRecord Rib { get; } = new();

    public Bgp4mpMessage Message { get; } = new();

    public Bgp4mpStateChange StateChange { get; } = new();
}
