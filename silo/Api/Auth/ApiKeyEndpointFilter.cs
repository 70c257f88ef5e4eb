namespace Grid.Silo.Api.Auth;

/// <summary>
/// Lets a request through when it carries a key with the endpoint's scope, in
/// <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>: 401 without a known key, 403 when
/// the key lacks the scope, both as problem+json. Keys are never logged.
/// </summary>
internal sealed class ApiKeyEndpointFilter(string scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = PresentedKey(http.Request);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(
                title: "API key required",
                detail: $"This endpoint needs an API key with the '{scope}' scope: send it as `Authorization: Bearer <key>` or `X-Api-Key: <key>`.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var entry = http.RequestServices.GetRequiredService<ApiKeys>().Find(key);
        if (entry is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.Problem(
                title: "Unknown API key",
                detail: "The API key sent is not configured on this server (Grid:Auth:Keys holds the SHA-256 of each key).",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!ApiScopes.Grants(entry.Scopes, scope))
        {
            return Results.Problem(
                title: "Missing scope",
                detail: $"This API key{(entry.Name is { Length: > 0 } name ? $" ('{name}')" : "")} lacks the '{scope}' scope; ask for a key that has it (Grid:Auth:Keys:N:Scopes).",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header : null;
    }
}
