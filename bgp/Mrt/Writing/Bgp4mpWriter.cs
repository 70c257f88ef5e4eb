using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt.Writing;

/// <summary>
/// Writes route elements as MRT BGP4MP_MESSAGE_AS4 records (RFC 6396 §4.4.3: type 16, subtype 4),
/// one UPDATE each, in the order given: the form RouteViews and RIPE RIS archive updates in, so
/// bgpdump, bgpkit and Grid's own reader all read the result. The "local" side of each record is
/// the collector that saw the update, which is Grid, with <see cref="LocalAsn"/> and address.
/// </summary>
public sealed class Bgp4mpWriter(Stream output, uint localAsn = 0, IPAddress? localAddress = null)
{
    private const ushort Bgp4mp = 16;
    private const ushort MessageAs4 = 4;
    private const ushort StateChangeAs4 = 5;

    public uint LocalAsn { get; } = localAsn;

    public void Write(RouteElement element) => WriteRecord(element.Timestamp, MessageAs4, element.PeerAsn, element.PeerAddress, BgpUpdateEncoder.Encode(element));

    /// <summary>
    /// A BGP4MP_STATE_CHANGE_AS4 record (RFC 6396 §4.4.4, subtype 5): the peer's session went from
    /// Established (6) to Idle (1), which withdrew all its routes at once (RFC 4271 §8.2.2).
    /// </summary>
    public void WritePeerDown(DateTimeOffset at, IPAddress peer, uint peerAsn) =>
        WriteRecord(at, StateChangeAs4, peerAsn, peer, [0, 6, 0, 1]);

    private void WriteRecord(DateTimeOffset at, ushort subtype, uint peerAsn, IPAddress peerAddress, byte[] payload)
    {
        var update = payload;
        var peer = peerAddress;
        var isIPv6 = peer.AddressFamily == AddressFamily.InterNetworkV6 && !peer.IsIPv4MappedToIPv6;
        if (!isIPv6)
        {
            peer = peer.MapToIPv4();
        }
        var local = localAddress ?? (isIPv6 ? IPAddress.IPv6Any : IPAddress.Any);
        local = isIPv6 ? local.MapToIPv6() : local.MapToIPv4();
        var addressLength = isIPv6 ? 16 : 4;
        var length = 4 + 4 + 2 + 2 + 2 * addressLength + update.Length;
        var record = new byte[12 + length];
        var span = record.AsSpan();
        var seconds = Math.Clamp(at.ToUnixTimeSeconds(), 0, uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)seconds);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], Bgp4mp);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], subtype);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], peerAsn);
        BinaryPrimitives.WriteUInt32BigEndian(span[16..], LocalAsn);
        // Interface index 0: not known to a collector that heard the update over TCP.
        BinaryPrimitives.WriteUInt16BigEndian(span[22..], (ushort)(isIPv6 ? 2 : 1));
        peer.TryWriteBytes(span[24..], out _);
        local.TryWriteBytes(span[(24 + addressLength)..], out _);
        update.CopyTo(span[(24 + 2 * addressLength)..]);
        output.Write(record);
    }

    public static byte[] ToBytes(IEnumerable<RouteElement> elements, uint localAsn = 0, IPAddress? localAddress = null)
    {
        using var buffer = new MemoryStream();
        var writer = new Bgp4mpWriter(buffer, localAsn, localAddress);
        foreach (var element in elements)
        {
            writer.Write(element);
        }
        return buffer.ToArray();
    }
}
