using Microsoft.AspNetCore.WebUtilities;

namespace Grid.Silo.Api.Paging;

/// <summary>
/// Pagination in headers, so list bodies stay plain JSON arrays: <c>X-Total-Count</c> and, when
/// more items follow, <c>Link: &lt;…&amp;cursor=…&gt;; rel="next"</c> (RFC 8288 §3; the target is a
/// relative reference, resolved against the request URI).
/// </summary>
internal static class PageLinks
{
    public static T[] Slice<T>(IReadOnlyCollection<T> all, PageRequest page, HttpContext http)
    {
        var items = all.Skip(page.Offset).Take(page.Limit).ToArray();
        Headers(http, all.Count, page, items.Length);
        return items;
    }

    /// <summary>The headers of a page of <paramref name="served"/> items out of <paramref name="total"/>.</summary>
    public static void Headers(HttpContext http, int total, PageRequest page, int served)
    {
        var headers = http.Response.Headers;
        headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var next = page.Offset + served;
        if (served > 0 && next < total)
        {
            headers.Link = $"<{NextUrl(http.Request, next)}>; rel=\"next\"";
        }
    }

    private static string NextUrl(HttpRequest request, int next)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", PageRequest.Encode(next)));
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
