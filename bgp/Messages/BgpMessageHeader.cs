using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>The 19-octet BGP message header (RFC 4271 §4.1): an all-ones marker, the length and the type.</summary>
public readonly record struct BgpMessageHeader(ushort Length, BgpMessageType Type)
{
    public const int Size = 19;

    /// <summary>The largest message: 4096 octets (RFC 4271 §4.1), or 65535 with Extended Messages (RFC 8654 §4).</summary>
    public const int MaxExtendedLength = 65535;

    /// <summary>Reads a header; false (with a reason) when the marker is not all ones or the input is short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out BgpMessageHeader header, out string? error)
    {
        header = default;
        if (message.Length < Size)
        {
            error = $"{message.Length} octets are too few for a BGP message header ({Size})";
            return false;
        }
        if (message[..16].IndexOfAnyExcept((byte)0xFF) >= 0)
        {
            error = "the BGP marker is not all ones (RFC 4271 §4.1)";
            return false;
        }
        header = new BgpMessageHeader(BinaryPrimitives.ReadUInt16BigEndian(message[16..]), (BgpMessageType)message[18]);
        error = null;
        return true;
    }
}
