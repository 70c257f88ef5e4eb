using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>An address family and subsequent family, as capabilities name them (RFC 4760 §8).</summary>
public readonly record struct BgpFamily(Afi Afi, Safi Safi)
{
    public static BgpFamily IPv4Unicast => new(Afi.IPv4, Safi.Unicast);

    public static BgpFamily IPv6Unicast => new(Afi.IPv6, Safi.Unicast);

    /// <summary>The flag the UPDATE decoder uses for this family's ADD-PATH identifiers.</summary>
    public AddPathFamilies AddPathFlag => BgpDecodeContext.FamilyFlag(Afi, Safi);

    public override string ToString() => $"{Afi}/{Safi}";
}
