using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Grid.Client.Http;

/// <summary>
/// Every item of a list endpoint, page after page. Pages are JSON arrays, and the next one is named
/// by <c>Link: &lt;…&gt;; rel="next"</c> (RFC 8288), so the client never builds cursors itself. A
/// server from before pagination answers the older envelope, <c>{page, pageSize, total, items}</c>,
/// which is followed by page number instead.
/// </summary>
internal static class PagedList
{
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(GridHttp http, string pathAndQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = http.Resolve(pathAndQuery);
        while (next is not null)
        {
            var requested = next;
            using var response = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, requested), cancellationToken);
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            next = LinkHeader.Next(response.Headers, requested);
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items))
            {
                next ??= NextPageNumber(root, requested);
                root = items;
            }

            foreach (var item in root.EnumerateArray())
            {
                yield return item.Deserialize<T>(GridHttp.Json)!;
            }
        }
    }

    private static Uri? NextPageNumber(JsonElement envelope, Uri requested)
    {
        if (!envelope.TryGetProperty("page", out var page) || !envelope.TryGetProperty("pageSize", out var size) || !envelope.TryGetProperty("total", out var total)
            || page.GetInt32() * size.GetInt32() >= total.GetInt32())
        {
            return null;
        }

        return Query.With(requested, "page", (page.GetInt32() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
