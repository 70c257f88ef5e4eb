namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>AS_PATH and AS4_PATH segment syntax (RFC 4271 §4.3, RFC 5065 §3, RFC 7606 §7.2).</summary>
internal static class AsPathSyntax
{
    public static bool IsValid(ReadOnlySpan<byte> value, int asnSize)
    {
        var position = 0;
        while (position < value.Length)
        {
            if (value.Length - position < 2)
            {
                return false;
            }
            // AS_SET 1, AS_SEQUENCE 2, AS_CONFED_SEQUENCE 3, AS_CONFED_SET 4; a segment holds at least one AS.
            var segmentType = value[position];
            var count = value[position + 1];
            if (segmentType is < 1 or > 4 || count == 0)
            {
                return false;
            }
            position += 2 + count * asnSize;
            if (position > value.Length)
            {
                return false;
            }
        }
        return true;
    }
}
