namespace Grid.Silo.Api.Auth;

/// <summary>
/// The key a request carries, in <c>Authorization: Bearer &lt;key&gt;</c> (RFC 6750 §2.1) or
/// <c>X-Api-Key</c>, resolved once per request: the rate limiter and the scope filter share it.
/// </summary>
internal static class PresentedKey
{
    private static readonly object Slot = new();

    /// <summary>The presented text (null when none) and the key it names (null when unknown).</summary>
    public static (string? Text, ApiKey? Key) Resolve(HttpContext http)
    {
        if (http.Items.TryGetValue(Slot, out var cached) && cached is Resolution resolution)
        {
            return (resolution.Text, resolution.Key);
        }

        var text = Read(http.Request);
        var key = text is null ? null : http.RequestServices.GetRequiredService<ApiKeys>().Find(text);
        http.Items[Slot] = new Resolution(text, key);
        return (text, key);
    }

    /// <summary>True when the request carries a key at all (cheap: no hashing).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("X-Api-Key");

    private static string? Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header : null;
    }

    private sealed record Resolution(string? Text, ApiKey? Key);
}
