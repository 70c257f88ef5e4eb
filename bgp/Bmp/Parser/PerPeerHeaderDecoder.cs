using System.Buffers.Binary;
using System.Net;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>
/// Reads the 42-octet per-peer header (RFC 7854 §4.2) and hands out one <see cref="BmpPeer"/> per
/// distinct header, so the messages of a full table share it and its <see cref="IPAddress"/>.
/// </summary>
internal sealed class PerPeerHeaderDecoder(TimeProvider clock)
{
    /// <summary>Type 1, flags 1, distinguisher 8, address 16, AS 4, BGP ID 4, seconds 4, microseconds 4.</summary>
    public const int Size = 42;

    // A router has at most thousands of peers; the cap only bounds memory against damaged input.
    private const int MaxPeers = 65536;

    private readonly Dictionary<Key, BmpPeer> _peers = [];

    public BmpPeer Read(ReadOnlySpan<byte> data, out DateTimeOffset timestamp)
    {
        if (data.Length < Size)
        {
            throw new BmpDecodeException($"the message has {data.Length} octets after its common header, too few for the {Size}-octet per-peer header (RFC 7854 §4.2)");
        }
        var type = (BmpPeerType)data[0];
        var flags = (BmpPeerFlags)data[1];
        var ipv6 = type != BmpPeerType.LocRib && (flags & BmpPeerFlags.IPv6) != 0;
        var key = new Key(type, flags, BinaryPrimitives.ReadUInt64BigEndian(data[2..]), ReadAddress(data.Slice(10, 16), ipv6),
            BinaryPrimitives.ReadUInt32BigEndian(data[26..]), BinaryPrimitives.ReadUInt32BigEndian(data[30..]));
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(data[34..]);
        var microseconds = BinaryPrimitives.ReadUInt32BigEndian(data[38..]);
        // RFC 7854 §4.2: 0 when the router has no time to give; the read time is the best stand-in.
        timestamp = seconds == 0 && microseconds == 0
            ? clock.GetUtcNow()
            : DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(Math.Min(microseconds, 999_999u) * 10L);

        if (_peers.TryGetValue(key, out var peer))
        {
            return peer;
        }
        if (_peers.Count >= MaxPeers)
        {
            _peers.Clear();
        }
        return _peers[key] = new BmpPeer(type, flags, key.Distinguisher, key.Address.ToIPAddress(), key.Asn, key.BgpIdentifier);
    }

    /// <summary>A 16-octet address field: IPv6 whole, or IPv4 in the last 4 octets (RFC 7854 §4.2, §4.10).</summary>
    public static IPAddressValue ReadAddress(ReadOnlySpan<byte> field, bool ipv6) =>
        ipv6 ? IPAddressValue.FromBytes(field[..16]) : IPAddressValue.FromBytes(field.Slice(12, 4));

    private readonly record struct Key(BmpPeerType Type, BmpPeerFlags Flags, ulong Distinguisher, IPAddressValue Address, uint Asn, uint BgpIdentifier);
}
