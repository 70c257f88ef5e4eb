using System.ComponentModel;
using System.Text;
using Grid.Geography;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Caching;

namespace Grid.Silo.Api.V1.Badges;

/// <summary>
/// <c>GET /v1/countries/{cc}/badge.svg</c>: an embeddable status badge. A malformed code gets 400 and
/// an unknown country 404, both problem+json: an image that says "unknown" with an error status
/// would hide a typo in an embed.
/// </summary>
public static class BadgeEndpoints
{
    public const string MediaType = "image/svg+xml";

    public static WebApplication MapGridBadges(this WebApplication app)
    {
        app.MapGet("/v1/countries/{cc}/badge.svg", GetBadge)
            .RequireReadAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithTags("Status")
            .WithSummary("An embeddable status badge")
            .WithDescription("A flat SVG badge, e.g. \"internet in BY | disrupted\": normal (green), disrupted (warning, orange), down (critical, red), no data (grey). Carries ETag and Cache-Control like the status.")
            .Produces<string>(StatusCodes.Status200OK, MediaType)
            .ProducesStatusCaching()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetBadge([Description("ISO 3166-1 alpha-2 code, e.g. BY.")] string cc, CountryGrainReferences countries, IGeography geography)
    {
        var (status, problem) = await EntityEndpoints.CountryStatusAsync(cc, countries, geography);
        return problem ?? new CacheableResult(Encoding.UTF8.GetBytes(StatusBadge.Render($"internet in {status!.Code}", status.Level)), MediaType);
    }
}
