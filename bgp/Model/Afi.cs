namespace Grid.Bgp.Model;

/// <summary>Address Family Identifier (IANA "Address Family Numbers"; RFC 4760 §3).</summary>
public enum Afi : ushort
{
    IPv4 = 1,
    IPv6 = 2,
}

/// <summary>Subsequent Address Family Identifier (RFC 4760 §6).</summary>
public enum Safi : byte
{
    Unicast = 1,
    Multicast = 2,

    /// <summary>Unicast and multicast at once: RFC 2858 allowed it, RFC 4760 deprecated it; old MRT files still carry it.</summary>
    UnicastAndMulticast = 3,
}
