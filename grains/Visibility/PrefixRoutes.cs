namespace Grid.Grains.Visibility;

/// <summary>Who sees one prefix, the origin AS it was last announced with, and whether it counts as visible.</summary>
public sealed class PrefixRoutes
{
    public PeerSet Peers { get; } = new();

    public uint OriginAsn { get; set; }

    public bool Visible { get; set; }
}
