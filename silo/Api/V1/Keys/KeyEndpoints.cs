using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using Grid.Grains.Access;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Paging;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1.Keys;

/// <summary>
/// <c>/v1/keys</c>: API keys, admin scope. A new key is shown once, in the 201 answer; Grid keeps
/// only its SHA-256 (in the keys grain, so in PostgreSQL when grain state is). The configured keys
/// are listed too but are changed in configuration, not here.
/// </summary>
public static class KeyEndpoints
{
    private const int MaxNameLength = 100;

    public static WebApplication MapGridKeys(this WebApplication app)
    {
        var group = app.MapGroup("/v1/keys").RequireScope(ApiScopes.Admin).WithTags("Keys");
        group.MapGet("", ListAsync)
            .WithSummary("List API keys")
            .WithDescription("Configured keys and keys made here: id, name, scopes, when made. Never the key or its hash. Paged with limit/cursor.")
            .Produces<ApiKeyView[]>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", CreateAsync)
            .WithSummary("Make an API key")
            .WithDescription("Body: {\"name\": \"newsroom-bot\", \"scopes\": [\"read\"]}. The answer holds the key (grid_…) once: store it, Grid cannot show it again.")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete an API key")
            .WithDescription("Requests with the key are refused from then on (within seconds on other silos of a cluster).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> ListAsync([Description("Page size, 1 to 1000; 100 by default.")] string? limit, [Description("Opaque position from the previous page's Link header.")] string? cursor, HttpContext http, IGrainFactory grains, IOptions<ApiKeyOptions> options)
    {
        if (!PageRequest.TryParse(limit, cursor, 100, out var page, out var problem))
        {
            return problem!;
        }

        var configured = options.Value.Keys.Select((k, i) => new ApiKeyView($"config-{i}", k.Name, [.. k.Scopes], "configuration", null));
        var stored = (await Registry(grains).List()).Select(k => new ApiKeyView(k.Id, k.Name, k.Scopes, "api", k.CreatedAt));
        return Results.Ok(PageLinks.Slice([.. configured, .. stored], page, http));
    }

    private static async Task<IResult> CreateAsync(ApiKeyRequest? request, IGrainFactory grains, StoredKeyCache cache, TimeProvider time)
    {
        if (request?.Name is not { Length: > 0 and <= MaxNameLength } name || request.Scopes is not { Length: > 0 } scopes)
        {
            return ApiProblems.BadRequest("Incomplete key request", $"Send JSON with 'name' (1 to {MaxNameLength} characters) and 'scopes' (one or more of read, ingest, admin, calendar).");
        }

        if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            return ApiProblems.BadRequest("Unknown scope", $"scope '{unknown}' is unknown: use read, ingest, admin (admin includes the others) or calendar (only the iCalendar feed, and the one key that may be sent in its URL).");
        }

        var key = ApiKeyText.New();
        var stored = new StoredApiKey(
            "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            name,
            [.. scopes.Distinct()],
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            time.GetUtcNow());
        await Registry(grains).Add(stored);
        await StoredKeyRefresh.RefreshAsync(grains, cache);
        return Results.Created($"/v1/keys/{stored.Id}", new CreatedApiKey(stored.Id, stored.Name, stored.Scopes, stored.CreatedAt, key));
    }

    private static async Task<IResult> DeleteAsync(string id, IGrainFactory grains, StoredKeyCache cache)
    {
        if (id.StartsWith("config-", StringComparison.Ordinal))
        {
            return Results.Problem(
                title: "Configured key",
                detail: $"'{id}' comes from configuration (Grid:Auth:Keys): remove it there and restart the silo.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (!await Registry(grains).Remove(id))
        {
            return ApiProblems.NotFound("Unknown key", $"No API key '{id}'; GET /v1/keys lists them.");
        }

        await StoredKeyRefresh.RefreshAsync(grains, cache);
        return Results.NoContent();
    }

    private static IApiKeysGrain Registry(IGrainFactory grains) => grains.GetGrain<IApiKeysGrain>(IApiKeysGrain.Key);
}

/// <summary>The body of <c>POST /v1/keys</c>.</summary>
public sealed record ApiKeyRequest(string? Name, string[]? Scopes);

/// <summary>A key as listed: never the key or its hash. <c>source</c> is configuration or api; createdAt is null for configured keys.</summary>
public sealed record ApiKeyView(string Id, string? Name, string[] Scopes, string Source, DateTimeOffset? CreatedAt);

/// <summary>The answer of <c>POST /v1/keys</c>: the only time the key is shown.</summary>
public sealed record CreatedApiKey(string Id, string Name, string[] Scopes, DateTimeOffset CreatedAt, string Key);
