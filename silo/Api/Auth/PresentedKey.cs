namespace Grid.Silo.Api.Auth;

/// <summary>
/// The key a request carries, in <c>Authorization: Bearer &lt;key&gt;</c> (RFC 6750 §2.1) or
/// <c>X-Api-Key</c>, resolved once per request: the rate limiter and the scope filter share it.
/// </summary>
internal static class PresentedKey
{
    private static readonly object Slot = new();

    /// <summary>The one path where a key may ride in the URL: calendar apps send no headers.</summary>
    public const string CalendarFeedPath = "/v1/watch.ics";

    /// <summary>The presented text (null when none) and the key it names (null when unknown).</summary>
    public static (string? Text, ApiKey? Key) Resolve(HttpContext http)
    {
        var (text, key, _) = ResolveWithSource(http);
        return (text, key);
    }

    /// <summary>As <see cref="Resolve"/>, and whether the key came in the URL (<c>?key=</c> on <see cref="CalendarFeedPath"/>).</summary>
    public static (string? Text, ApiKey? Key, bool InUrl) ResolveWithSource(HttpContext http)
    {
        if (http.Items.TryGetValue(Slot, out var cached) && cached is Resolution resolution)
        {
            return (resolution.Text, resolution.Key, resolution.InUrl);
        }

        var (text, inUrl) = Read(http.Request);
        var key = text is null ? null : http.RequestServices.GetRequiredService<ApiKeys>().Find(text);
        http.Items[Slot] = new Resolution(text, key, inUrl);
        return (text, key, inUrl);
    }

    /// <summary>True when the request carries a key at all (cheap: no hashing).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("X-Api-Key") || InUrl(request) is not null;

    private static (string? Text, bool InUrl) Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return (authorization[7..].Trim(), false);
        }

        var header = request.Headers["X-Api-Key"].ToString();
        if (header.Length > 0)
        {
            return (header, false);
        }

        return InUrl(request) is { } url ? (url, true) : (null, false);
    }

    private static string? InUrl(HttpRequest request) =>
        request.Path.Equals(CalendarFeedPath, StringComparison.OrdinalIgnoreCase) && request.Query["key"].ToString() is { Length: > 0 } key ? key : null;

    private sealed record Resolution(string? Text, ApiKey? Key, bool InUrl);
}
