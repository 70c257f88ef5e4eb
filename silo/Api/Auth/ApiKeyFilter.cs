using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Auth;

/// <summary>
/// Requires an API key with a scope: sent as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>. No key or an unknown key is 401, a key without the scope 403,
/// both as problem+json (RFC 9457). Keys are compared by hash, in constant time, and never logged.
/// </summary>
internal sealed class ApiKeyFilter(string scope) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = KeyOf(http.Request);
        if (key is null)
        {
            return Unauthorized(http, "API key required", $"This endpoint needs an API key with the '{scope}' scope: send 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.");
        }

        var options = http.RequestServices.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
        var hash = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        var entry = options.Keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(k.Hash.ToLowerInvariant()), hash));
        if (entry is null)
        {
            return Unauthorized(http, "Unknown API key", "The API key sent is not configured in Grid:Auth:Keys (they hold the SHA-256 of each key).");
        }

        if (!ApiScopes.Grants(entry.Scopes, scope))
        {
            return Results.Problem(
                title: "API key lacks a scope",
                detail: $"The key '{entry.Name}' does not have the '{scope}' scope this endpoint needs.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    private static string? KeyOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return request.Headers[HeaderName].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }

    private static IResult Unauthorized(HttpContext http, string title, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }
}
