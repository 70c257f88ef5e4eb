using System.Buffers.Binary;

namespace Grid.Bgp.Messages;

/// <summary>
/// One capability of an OPEN (RFC 5492 §4): code and value octets, kept as received so an
/// unknown one survives a round trip. <see cref="BgpCapabilities"/> reads the known ones.
/// </summary>
public sealed record BgpCapability(byte Code, byte[] Value)
{
    public BgpCapability(BgpCapabilityCode code, byte[] value)
        : this((byte)code, value)
    {
    }

    public static BgpCapability Multiprotocol(BgpFamily family)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(value, (ushort)family.Afi);
        value[3] = (byte)family.Safi;
        return new BgpCapability(BgpCapabilityCode.Multiprotocol, value);
    }

    public static BgpCapability RouteRefresh() => new(BgpCapabilityCode.RouteRefresh, []);

    public static BgpCapability ExtendedMessage() => new(BgpCapabilityCode.ExtendedMessage, []);

    public static BgpCapability FourOctetAs(uint asn)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, asn);
        return new BgpCapability(BgpCapabilityCode.FourOctetAs, value);
    }

    public static BgpCapability AddPath(params IEnumerable<(BgpFamily Family, AddPathDirection Direction)> entries)
    {
        var list = entries.ToList();
        var value = new byte[4 * list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(4 * i), (ushort)list[i].Family.Afi);
            value[4 * i + 2] = (byte)list[i].Family.Safi;
            value[4 * i + 3] = (byte)list[i].Direction;
        }
        return new BgpCapability(BgpCapabilityCode.AddPath, value);
    }

    /// <summary>
    /// Checks the value length of the capabilities this codec interprets, so <see cref="BgpCapabilities"/>
    /// can trust them; null when fine, else why not.
    /// </summary>
    internal string? Problem => (BgpCapabilityCode)Code switch
    {
        BgpCapabilityCode.Multiprotocol when Value.Length != 4 => $"a Multiprotocol capability of {Value.Length} octets, not 4 (RFC 4760 §8)",
        BgpCapabilityCode.FourOctetAs when Value.Length != 4 => $"a 4-octet AS capability of {Value.Length} octets, not 4 (RFC 6793 §3)",
        BgpCapabilityCode.AddPath when Value.Length % 4 != 0 => $"an ADD-PATH capability of {Value.Length} octets, not a multiple of 4 (RFC 7911 §4)",
        _ => null,
    };

    /// <summary>The capability as it is on the wire: code, length, value (RFC 5492 §4).</summary>
    public byte[] Encode() => [Code, (byte)Value.Length, .. Value];

    /// <summary>Equal when code and value octets are (records compare arrays by reference).</summary>
    public bool Equals(BgpCapability? other) => other is not null && Code == other.Code && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Code);
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{(Enum.IsDefined((BgpCapabilityCode)Code) ? ((BgpCapabilityCode)Code).ToString() : Code.ToString())}[{Convert.ToHexString(Value)}]";
}
