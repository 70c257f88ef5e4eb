using System.Buffers.Binary;
using Grid.Bgp.Bmp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>BMP's common header (RFC 7854 §4.1): version, a length that counts the header, and the type.</summary>
internal readonly record struct BmpCommonHeader(byte Version, uint Length, BmpMessageType Type)
{
    public const int Size = 6;

    public const byte CurrentVersion = 3;

    /// <summary>
    /// No real message comes near this: a Route Monitoring message is at most a 65535-octet UPDATE
    /// (RFC 8654) plus headers, a Peer Up two OPENs (RFC 9072 allows 65535 each) plus TLVs. A larger
    /// length is damage, not data, and would make the reader buffer garbage.
    /// </summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Reads and checks the header; a bad version or impossible length ends the stream.</summary>
    public static BmpCommonHeader Read(ReadOnlySpan<byte> data, long offset)
    {
        var header = new BmpCommonHeader(data[0], BinaryPrimitives.ReadUInt32BigEndian(data[1..]), (BmpMessageType)data[5]);
        if (header.Version != CurrentVersion)
        {
            throw new BmpFramingException(offset, $"BMP version {header.Version}, but only version {CurrentVersion} is defined (RFC 7854 §4.1)");
        }
        if (header.Length < Size || header.Length > MaxLength)
        {
            throw new BmpFramingException(offset,
                $"a message length of {header.Length} octets, outside {Size}..{MaxLength} (RFC 7854 §4.1 counts the {Size}-octet header)");
        }
        return header;
    }
}
