using Grid.Silo.Api.Auth;
using Grid.Silo.Api.RateLimits;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Grid.Silo.Api.Docs;

/// <summary>The document's title and the rules every endpoint shares: keys, caching, paging, limits, errors.</summary>
internal sealed class ApiDocumentInfo(IOptions<ApiKeyOptions> keys, RateLimitOptions limits) : IOpenApiDocumentTransformer
{
    public const string KeyScheme = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var access = keys.Value.RequireKeyForReads
            ? "keyed on this server: send a key with the `read` scope"
            : "open on this server (Grid:Auth:RequireKeyForReads=false)";
        var rates = limits.Enabled
            ? $"A token bucket per API key ({limits.PerKey.PermitsPerSecond}/s, burst {limits.PerKey.Burst}) or, without a key, per address ({limits.PerAddress.PermitsPerSecond}/s, burst {limits.PerAddress.Burst})"
            : "Off on this server";
        document.Info = new OpenApiInfo
        {
            Title = "Grid API",
            Version = "v1",
            Description = $$"""
                Status of every country and AS from BGP visibility and active probing, outage events, history, alerts.

                **Access.** Read endpoints are {{access}}. Writes need `ingest` or `admin`. Send keys as `Authorization: Bearer <key>` or `X-Api-Key: <key>`; 401 means no or an unknown key, 403 a key without the scope.

                **Caching.** Status answers (`/v1/countries`, `/v1/countries/{cc}`, `/v1/asns/{asn}`, the badge) carry a strong `ETag` (a hash of the body) and `Cache-Control: public, max-age` up to the next evaluation tick. Send `If-None-Match` to get `304 Not Modified` without a body.

                **Paging.** Lists are JSON arrays; `limit` (1 to 1000) and `cursor` page them. Follow `Link: <…>; rel="next"` (RFC 8288); `X-Total-Count` counts all matches.

                **Rate limits.** {{rates}}. Over the limit: `429` with `Retry-After` in seconds.

                **Errors.** `application/problem+json` (RFC 9457) with `type`, `title`, `status` and a `detail` that says what to do.

                **CORS.** GET read endpoints answer any origin (`Access-Control-Allow-Origin: *`); writes do not.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (grid_…), as `Authorization: Bearer <key>`; `X-Api-Key: <key>` works too.",
        };
        return Task.CompletedTask;
    }
}
