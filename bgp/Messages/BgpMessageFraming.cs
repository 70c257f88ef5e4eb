using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// Frames and unframes whole BGP messages (RFC 4271 §4.1): a 16-octet all-ones marker, a 2-octet
/// length that counts the header, and a type. The limit is 4096 octets, or 65535 once both
/// speakers advertised Extended Messages (RFC 8654 §4) — but OPEN and KEEPALIVE keep the old limit.
/// </summary>
public static class BgpMessageFraming
{
    /// <summary>RFC 4271 §4.1.</summary>
    public const int MaxLength = 4096;

    /// <summary>RFC 8654 §4.</summary>
    public const int MaxExtendedLength = BgpMessageHeader.MaxExtendedLength;

    public static int MaxLengthFor(bool extendedMessage) => extendedMessage ? MaxExtendedLength : MaxLength;

    /// <summary>A message of <paramref name="type"/> around <paramref name="body"/>; throws when it would exceed <paramref name="maxLength"/>.</summary>
    public static byte[] Encode(BgpMessageType type, ReadOnlySpan<byte> body, int maxLength = MaxLength)
    {
        var limit = type is BgpMessageType.Open or BgpMessageType.Keepalive ? MaxLength : Math.Min(maxLength, MaxExtendedLength);
        var length = BgpMessageHeader.Size + body.Length;
        if (length > limit)
        {
            throw new ArgumentException(
                $"a {type} message of {length} octets exceeds the {limit}-octet limit (RFC 4271 §4.1, RFC 8654 §4): split it or negotiate Extended Messages",
                nameof(body));
        }
        var message = new byte[length];
        message.AsSpan(0, 16).Fill(0xFF);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(16), (ushort)length);
        message[18] = (byte)type;
        body.CopyTo(message.AsSpan(BgpMessageHeader.Size));
        return message;
    }

    /// <summary>A KEEPALIVE: the header alone, 19 octets (RFC 4271 §4.4).</summary>
    public static byte[] EncodeKeepalive() => Encode(BgpMessageType.Keepalive, []);

    /// <summary>
    /// Checks a message's header as RFC 4271 §6.1 prescribes and returns its body. <paramref name="message"/>
    /// may run past the message (a receive buffer); fewer octets than the length field says is an
    /// <see cref="ArgumentException"/>, since the caller has not read the message yet.
    /// </summary>
    public static ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> message, out BgpMessageHeader header, bool extendedMessage = false)
    {
        header = CheckHeader(message, extendedMessage);
        if (message.Length < header.Length)
        {
            throw new ArgumentException($"the header says {header.Length} octets but {message.Length} are here: read the rest first", nameof(message));
        }
        return message[BgpMessageHeader.Size..header.Length];
    }

    /// <summary>
    /// Checks the 19-octet header at the start of <paramref name="message"/> (RFC 4271 §6.1) before
    /// the rest has arrived, so that a bad length is refused instead of waited for.
    /// </summary>
    public static BgpMessageHeader CheckHeader(ReadOnlySpan<byte> message, bool extendedMessage = false)
    {
        if (message.Length < BgpMessageHeader.Size)
        {
            throw new ArgumentException($"{message.Length} octets are too few for a BGP message header ({BgpMessageHeader.Size}): read more first", nameof(message));
        }
        if (message[..16].IndexOfAnyExcept((byte)0xFF) >= 0)
        {
            throw new BgpMessageError(BgpNotification.MessageHeader(MessageHeaderErrorSubcode.ConnectionNotSynchronized),
                "the BGP marker is not all ones (RFC 4271 §6.1)");
        }
        var header = new BgpMessageHeader(BinaryPrimitives.ReadUInt16BigEndian(message[16..]), (BgpMessageType)message[18]);
        var (minimum, maximum) = LengthBounds(header.Type, extendedMessage);
        if (minimum == 0)
        {
            throw new BgpMessageError(BgpNotification.MessageHeader(MessageHeaderErrorSubcode.BadMessageType, [message[18]]),
                $"message type {message[18]} is not one this speaker knows (RFC 4271 §6.1)");
        }
        if (header.Length < minimum || header.Length > maximum)
        {
            throw new BgpMessageError(BgpNotification.BadMessageLength(header.Length),
                $"a {header.Type} message of {header.Length} octets is outside {minimum}..{maximum} (RFC 4271 §6.1)");
        }
        return header;
    }

    /// <summary>The lengths RFC 4271 §6.1 allows per type; (0, 0) for an unknown type.</summary>
    private static (int Minimum, int Maximum) LengthBounds(BgpMessageType type, bool extendedMessage) => type switch
    {
        // Fixed OPEN fields: version 1, AS 2, hold time 2, identifier 4, optional parameters length 1 (RFC 4271 §4.2).
        BgpMessageType.Open => (BgpMessageHeader.Size + 10, MaxLength),
        // Withdrawn Routes Length and Total Path Attribute Length (RFC 4271 §4.3).
        BgpMessageType.Update => (BgpMessageHeader.Size + 4, MaxLengthFor(extendedMessage)),
        BgpMessageType.Notification => (BgpMessageHeader.Size + BgpNotification.MinBodyLength, MaxLengthFor(extendedMessage)),
        BgpMessageType.Keepalive => (BgpMessageHeader.Size, BgpMessageHeader.Size),
        // AFI, reserved/subtype, SAFI (RFC 2918 §3); RFC 7313 §5 checks the exact length itself.
        BgpMessageType.RouteRefresh => (BgpMessageHeader.Size + 4, MaxLengthFor(extendedMessage)),
        _ => (0, 0),
    };
}
