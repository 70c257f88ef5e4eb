using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Grid.Silo.Api.V1;

namespace Grid.Silo.Api.Paging;

/// <summary>
/// <c>limit</c> and <c>cursor</c> of a list request. The cursor is opaque to clients (base64url of
/// the position after the last item served); they follow the <c>Link: rel="next"</c> header.
/// </summary>
internal sealed record PageRequest(int Offset, int Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// The furthest position a page may start at: far past any list Grid holds (75k ASes, 4k
    /// regions), and far enough below <see cref="int.MaxValue"/> that a position plus a page never overflows.
    /// </summary>
    public const int MaxOffset = 10_000_000;

    public static bool TryParse(string? limit, string? cursor, int defaultLimit, out PageRequest page, out IResult? problem)
    {
        page = new PageRequest(0, defaultLimit);
        problem = null;
        var size = defaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            problem = ApiProblems.BadRequest("Bad limit", $"limit '{limit}' is not a whole number from 1 to {MaxLimit}.");
            return false;
        }

        var offset = 0;
        if (cursor is not null && (!TryDecode(cursor, out offset) || offset > MaxOffset))
        {
            problem = ApiProblems.BadRequest("Bad cursor", $"cursor '{cursor}' was not made by this API: follow the Link header's rel=\"next\" URL, or leave cursor out for the first page.");
            return false;
        }

        page = new PageRequest(offset, size);
        return true;
    }

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o{offset}")));

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith('o') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
