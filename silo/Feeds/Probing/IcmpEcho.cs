using System.Buffers.Binary;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// ICMP echo request and reply (RFC 792, "Echo or Echo Reply Message": type 8 / 0, code 0,
/// checksum, identifier, sequence number, data). The data carries the block's row, the wave's
/// nonce and the send time, so a reply is matched without any lookup and its RTT needs no state.
/// </summary>
public static class IcmpEcho
{
    public const byte EchoReply = 0;
    public const byte EchoRequest = 8;

    /// <summary>8 octets of ICMP header, then row (4), nonce (4) and send timestamp (8).</summary>
    public const int RequestLength = 8 + 16;

    /// <summary>Writes an echo request into <paramref name="packet"/> (at least <see cref="RequestLength"/> octets).</summary>
    public static void WriteRequest(Span<byte> packet, ushort identifier, ushort sequence, in EchoData data)
    {
        packet[0] = EchoRequest;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], sequence);
        BinaryPrimitives.WriteInt32LittleEndian(packet[8..], data.Row);
        BinaryPrimitives.WriteInt32LittleEndian(packet[12..], data.Nonce);
        BinaryPrimitives.WriteInt64LittleEndian(packet[16..], data.SentTimestamp);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], Checksum(packet[..RequestLength]));
    }

    /// <summary>
    /// Reads an echo reply as a raw IPv4 socket delivers it (IP header first, raw(7)); false for any
    /// other ICMP message, another process's identifier, a bad checksum or a short packet.
    /// </summary>
    public static bool TryReadReply(ReadOnlySpan<byte> datagram, ushort identifier, out uint source, out EchoData data)
    {
        source = 0;
        data = default;
        if (datagram.Length < 20 || datagram[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (datagram[0] & 0x0F) * 4;
        var icmp = datagram[headerLength..];
        if (icmp.Length < RequestLength || icmp[0] != EchoReply || icmp[1] != 0
            || BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) != identifier || Checksum(icmp) != 0)
        {
            return false;
        }

        source = BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]);
        data = new EchoData(
            BinaryPrimitives.ReadInt32LittleEndian(icmp[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(icmp[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(icmp[16..]));
        return true;
    }

    /// <summary>The Internet checksum (RFC 1071): the one's complement of the one's-complement sum of 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> octets)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < octets.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(octets[i..]);
        }

        if (i < octets.Length)
        {
            sum += (uint)(octets[i] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}

/// <summary>What Grid writes into an echo's data: the block's row, the wave it belongs to, and when it left (<see cref="ProbeClock"/>).</summary>
public readonly record struct EchoData(int Row, int Nonce, long SentTimestamp);
