using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// AS4_AGGREGATOR (type 18, RFC 6793 §3): the 4-octet aggregating AS that a 2-octet session's
/// AGGREGATOR could only call AS_TRANS. Applied by <see cref="Attr17As4Path.Reconstruct"/>.
/// </summary>
internal static class Attr18As4Aggregator
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into)
    {
        into.As4AggregatorAsn = LenientValue.ReadUInt32(value);
        into.As4AggregatorAddressValue = LenientValue.ReadUInt32(LenientValue.Skip(value, 4));
        if (value.Length != 8)
        {
            into.AddProblem($"AS4_AGGREGATOR has {value.Length} octets instead of 8 (RFC 6793 §6)");
        }
    }
}
