namespace Grid.Silo.Api.Caching;

/// <summary>
/// Strong entity tags (RFC 9110 §8.8.3) made from the bytes of a representation with 64-bit
/// FNV-1a: cheap, the same on every silo for the same bytes, and not a security boundary.
/// </summary>
public static class EntityTag
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static string Of(ReadOnlySpan<byte> body)
    {
        var hash = OffsetBasis;
        foreach (var b in body)
        {
            hash = (hash ^ b) * Prime;
        }

        return $"\"{hash:x16}\"";
    }

    /// <summary>
    /// True when <c>If-None-Match</c> names <paramref name="tag"/> or is <c>*</c>. The comparison is
    /// weak (RFC 9110 §13.1.2), so a <c>W/</c> prefix added by a proxy still matches.
    /// </summary>
    public static bool Matches(string? ifNoneMatch, string tag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        foreach (var part in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (candidate == "*" || string.Equals(candidate, tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
