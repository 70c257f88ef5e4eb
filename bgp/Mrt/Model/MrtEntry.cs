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
    private byte[] _buffer = [];
    private int _bodyStart;

    public MrtHeader Header { get; internal set; }

    /// <summary>The record's body as read (after the common header and any microsecond field).</summary>
    public ReadOnlySpan<byte> Body => _buffer.AsSpan(_bodyStart, Header.Length);

    public MrtEntryKind Kind { get; internal set; }

    /// <summary>The peer index table in force (the last PEER_INDEX_TABLE read), if any.</summary>
    public PeerIndexTable? PeerIndexTable { get; internal set; }

    public RibRecord Rib { get; } = new();

    public Bgp4mpMessage Message { get; } = new();

    public Bgp4mpStateChange StateChange { get; } = new();

    internal void SetBody(byte[] buffer, int start)
    {
        _buffer = buffer;
        _bodyStart = start;
    }
}
