using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>MULTI_EXIT_DISC (type 4, RFC 4271 §5.1.4): a 4-octet metric.</summary>
internal static class Attr04MultiExitDisc
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into)
    {
        into.MultiExitDisc = LenientValue.ReadUInt32(value);
        if (value.Length != 4)
        {
            into.AddProblem($"MULTI_EXIT_DISC has {value.Length} octets instead of 4 (RFC 7606 §7.4)");
        }
    }
}
