using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// AGGREGATOR (type 7, RFC 4271 §5.1.7): the aggregating AS and router. The AS is 2 octets on
/// old sessions and 4 on AS4 sessions (RFC 6793 §3), so the width comes from the context.
/// </summary>
internal static class Attr07Aggregator
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into)
    {
        var asnSize = into.Context.AsnSize;
        into.AggregatorAsn = into.ReceivedAggregatorAsn = LenientValue.ReadAsn(value, asnSize);
        into.AggregatorAddressValue = LenientValue.ReadUInt32(LenientValue.Skip(value, asnSize));
        if (value.Length != asnSize + 4)
        {
            into.AddProblem($"AGGREGATOR has {value.Length} octets instead of {asnSize + 4} (RFC 7606 §7.7)");
        }
    }
}
