namespace Grid.Silo.Api.Auth;

/// <summary>
/// Lets a request through when it carries a key with the endpoint's scope (see <see cref="PresentedKey"/>):
/// 401 without a known key, 403 when the key lacks the scope, both as problem+json. Keys are never logged.
/// </summary>
internal sealed class ApiKeyEndpointFilter(string scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (text, key, inUrl) = PresentedKey.ResolveWithSource(http);
        if (text is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(
                title: "API key required",
                detail: $"This endpoint needs an API key with the '{scope}' scope: send it as `Authorization: Bearer <key>` or `X-Api-Key: <key>`.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.Problem(
                title: "Unknown API key",
                detail: "The API key sent is not known to this server: neither configured (Grid:Auth:Keys holds the SHA-256 of each key) nor made through POST /v1/keys (or it was deleted).",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        // A URL is copied into logs, histories and shared calendars: only a key that can read nothing
        // but the calendar may travel in one, so a leaked feed address gives away only the feed.
        if (inUrl && !ApiScopes.OnlyCalendar(key.Scopes))
        {
            return Results.Problem(
                title: "Key not allowed in a URL",
                detail: $"Only a key with the '{ApiScopes.Calendar}' scope alone may be sent as ?key= (calendar apps send no headers); this one can do more. Make a calendar key with POST /v1/keys {{\"name\": \"…\", \"scopes\": [\"{ApiScopes.Calendar}\"]}}, or send this key in `Authorization: Bearer <key>`.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!ApiScopes.Grants(key.Scopes, scope))
        {
            return Results.Problem(
                title: "Missing scope",
                detail: $"This API key{(key.Name is { Length: > 0 } name ? $" ('{name}')" : "")} lacks the '{scope}' scope; ask an admin for a key that has it (POST /v1/keys or Grid:Auth:Keys:N:Scopes).",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
