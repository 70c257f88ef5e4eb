using System.Net;
using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt.Model;

/// <summary>
/// A BGP peer of the collector, as a PEER_INDEX_TABLE entry (RFC 6396 §4.3.1) or a TABLE_DUMP
/// record names it. The <see cref="IPAddress"/> is made once per peer, so elements can carry it
/// without allocating per route.
/// </summary>
public sealed class MrtPeer
{
    private IPAddress? _ipAddress;

    public MrtPeer(IPAddressValue address, uint asn, IPAddressValue bgpId = default, bool fourOctetAsn = true)
    {
        Address = address;
        Asn = asn;
        BgpId = bgpId;
        FourOctetAsn = fourOctetAsn;
    }

    public IPAddressValue Address { get; }

    public uint Asn { get; }

    /// <summary>The peer's BGP identifier (RFC 4271 §4.2); 0.0.0.0 when the record does not carry it.</summary>
    public IPAddressValue BgpId { get; }

    /// <summary>Whether the index table stored the ASN in 4 octets (peer type bit 1).</summary>
    public bool FourOctetAsn { get; }

    public IPAddress IPAddress => _ipAddress ??= Address.ToIPAddress();

    public override string ToString() => $"{Address} AS{Asn}";
}

/// <summary>The PEER_INDEX_TABLE (RFC 6396 §4.3.1): the peers that later RIB entries name by index.</summary>
public sealed class PeerIndexTable
{
    public PeerIndexTable(IPAddressValue collectorBgpId, string viewName, IReadOnlyList<MrtPeer> peers)
    {
        CollectorBgpId = collectorBgpId;
        ViewName = viewName;
        Peers = peers;
    }

    public IPAddressValue CollectorBgpId { get; }

    public string ViewName { get; }

    public IReadOnlyList<MrtPeer> Peers { get; }
}
