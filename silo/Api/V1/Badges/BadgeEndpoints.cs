using System.ComponentModel;
using System.Text;
using Grid.Geography;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Caching;

namespace Grid.Silo.Api.V1.Badges;

/// <summary>
/// <c>GET /v1/countries/{cc}/badge.svg</c> and <c>/v1/regions/{code}/badge.svg</c>: an embeddable status badge. A malformed code gets 400 and
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
        app.MapGet("/v1/regions/{code}/badge.svg", GetRegionBadge)
            .RequireReadAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithTags("Status")
            .WithSummary("An embeddable status badge for a region")
            .WithDescription("The country badge's colours for a region, e.g. \"internet in BY-HM | down\". Carries ETag and Cache-Control like the status, and the region data's licence link (DB-IP, CC BY 4.0).")
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

    private static async Task<IResult> GetRegionBadge([Description("Region code, e.g. BY-HM.")] string code, HttpContext http, RegionGrainReferences regions, IGeography geography)
    {
        var (status, problem) = await RegionEndpoints.RegionStatusAsync(code, regions, geography);
        if (problem is not null)
        {
            return problem;
        }

        if (geography.Regions is not null)
        {
            RegionEndpoints.Attribute(http);
        }

        return new CacheableResult(Encoding.UTF8.GetBytes(StatusBadge.Render($"internet in {status!.Code}", status.Level)), MediaType);
    }
}
