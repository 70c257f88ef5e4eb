namespace Grid.Grains.Visibility;

/// <summary>
/// Who sees one prefix, the origin AS it was last announced with, and whether it counts as
/// visible. A struct kept inline in the shard's dictionary: 1.2M prefixes cost no objects.
/// </summary>
public struct PrefixRoutes
{
    public PeerSet Peers;

    public uint OriginAsn;

    public bool Visible;
}
