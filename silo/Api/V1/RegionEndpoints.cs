using System.ComponentModel;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Caching;
using Grid.Silo.Api.Paging;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1;

/// <summary>
/// Sub-national regions' status and history: <c>/v1/regions…</c>, answered like countries'. Every
/// answer that shows the region data carries DB-IP's attribution, as its licence (CC BY 4.0) asks:
/// an <c>attribution</c> field and a <c>Link: &lt;https://db-ip.com&gt;; rel="license"</c> header.
/// </summary>
public static class RegionEndpoints
{
    /// <summary>RFC 8288 §3 link to the region data's source, beside any paging link.</summary>
    public const string LicenseLink = "<https://db-ip.com>; rel=\"license\"";

    public static WebApplication MapGridRegions(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy).WithTags("Status");
        v1.MapGet("/regions", ListRegions)
            .WithSummary("Regions' status")
            .WithDescription("The regions of one `country` (or of the world), sorted by code, each with its level and signals, filtered by `level` (of the region, or of one `signal`). Paged with `limit`/`cursor`: follow `Link: rel=\"next\"`; `X-Total-Count` counts the matches. Revalidate with `If-None-Match`. 404 when the server has no region data (Grid:Geo:Regions; `grid geo fetch --regions`).")
            .Produces<EntityStatus[]>().ProducesStatusCaching().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/regions/{code}", GetRegion)
            .WithSummary("One region's status")
            .WithDescription("Like a country's status, for a region (`BY-HM`: its country, a hyphen, its ISO 3166-2 code or, where the data's name matched none, a slug of the name). Cacheable like it. 404 for a code neither in the region data nor reached by a signal.")
            .Produces<EntityStatus>().ProducesStatusCaching().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/regions/{code}/signals", RegionSignals)
            .WithSummary("A region's signal history")
            .WithDescription("Like a country's signal history, for a region: JSON, or CSV with `Accept: text/csv` or `format=csv`.")
            .Produces<SignalHistory>().Produces<string>(StatusCodes.Status200OK, SignalHistoryCsv.MediaType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListRegions(
        [Description("ISO 3166-1 alpha-2 code: only this country's regions. All regions of the world (about 4,000) without it.")] string? country,
        [Description("Levels to keep, comma-separated: normal, warning, critical, unknown.")] string? level,
        [Description("Judge `level` on this signal (bgp, bgp6, probes) instead of the region's overall level.")] string? signal,
        [Description("Page size, 1 to 1000; 1000 by default.")] string? limit,
        [Description("Opaque position from the previous page's Link header.")] string? cursor,
        HttpContext http,
        RegionGrainReferences regions,
        IGeography geography)
    {
        if (!StatusFilter.TryParse(level, signal, out var filter, out var problem)
            || !PageRequest.TryParse(limit, cursor, PageRequest.MaxLimit, out var page, out problem))
        {
            return problem!;
        }

        CountryCode code = default;
        if (country is not null && !CountryCode.TryParse(country, out code))
        {
            return ApiProblems.MalformedCountry(country);
        }

        if (geography.Regions is not { } map)
        {
            return ApiProblems.RegionsOff();
        }

        var infos = country is null ? map.Regions : map.RegionsOf(code);
        EntityStatus[] items;
        if (filter.Levels is null)
        {
            // Unfiltered, the page is known before any grain is asked: a page of the world's
            // regions asks a thousand grains, not four thousand.
            var slice = PageLinks.Slice(infos, page, http);
            items = await Task.WhenAll(slice.Select(r => regions[r.Code].Status()));
        }
        else
        {
            var statuses = await Task.WhenAll(infos.Select(r => regions[r.Code].Status()));
            items = PageLinks.Slice(statuses.Where(filter.Keeps).ToList(), page, http);
        }

        Attribute(http);
        return CacheableResult.Json(items.Select(s => s with { Attribution = RegionMap.Attribution }).ToArray(), http);
    }

    private static async Task<IResult> GetRegion(
        [Description("Region code, e.g. BY-HM (any case).")] string code,
        HttpContext http,
        RegionGrainReferences regions,
        LocalStatusCache cache,
        IGeography geography)
    {
        if (!EntityKey.TryRegion(code, out var key))
        {
            return ApiProblems.MalformedRegion(code);
        }

        var read = await cache.GetAsync(key.Code, regions[key.Code]);
        if (Unknown(read.Status, key, geography) is { } problem)
        {
            return problem;
        }

        if (geography.Regions is null)
        {
            // A region only POSTed signals know, with no region data shown: nothing to attribute.
            return CacheableResult.Json(read, http);
        }

        Attribute(http);
        return CacheableResult.Json(read.Status with { Attribution = RegionMap.Attribution }, http);
    }

    private static async Task<IResult> RegionSignals(
        [Description("Region code, e.g. BY-HM.")] string code,
        [Description("Start: ISO 8601 or Unix seconds; 24 h before `until` by default.")] string? from,
        [Description("End: ISO 8601 or Unix seconds; the latest data by default.")] string? until,
        [Description("Resolution: seconds (300) or a time span (00:05:00); Grid:Signals:Step by default.")] string? step,
        [Description("json (default) or csv; `Accept: text/csv` works too.")] string? format,
        HttpContext http,
        RegionGrainReferences regions,
        IGeography geography,
        IOptions<SignalOptions> options)
    {
        var (status, problem) = await RegionStatusAsync(code, regions, geography);
        if (problem is not null)
        {
            return problem;
        }

        if (geography.Regions is not null)
        {
            Attribute(http);
        }

        return await EntityEndpoints.HistoryAsync(regions[status!.Code], status, from, until, step, format, http.Request, options.Value);
    }

    /// <summary>A region's status, or the problem that says why there is none (400 malformed, 404 unknown or regions off).</summary>
    internal static async Task<(EntityStatus? Status, IResult? Problem)> RegionStatusAsync(string code, RegionGrainReferences regions, IGeography geography)
    {
        if (!EntityKey.TryRegion(code, out var key))
        {
            return (null, ApiProblems.MalformedRegion(code));
        }

        var status = await regions[key.Code].Status();
        return Unknown(status, key, geography) is { } problem ? (null, problem) : (status, null);
    }

    /// <summary>
    /// <paramref name="country"/>'s answer with each of its regions' levels, as read now: the body,
    /// and so its ETag, changes when a region's level does, not only when the country's does.
    /// Regions held on this silo are read from <paramref name="cache"/>, like the country itself.
    /// </summary>
    internal static async Task<EntityStatus> WithRegionsAsync(EntityStatus country, RegionMap map, RegionGrainReferences regions, LocalStatusCache cache)
    {
        var infos = map.RegionsOf(CountryCode.Parse(country.Code));
        var reads = await Task.WhenAll(infos.Select(r => cache.GetAsync(r.Code, regions[r.Code]).AsTask()));
        var levels = reads.Select(r => new RegionLevel(r.Status.Code, r.Status.Name, r.Status.Level, r.Status.HasData)).ToArray();
        return country with { Regions = levels, Attribution = RegionMap.Attribution };
    }

    /// <summary>The licence link of an answer that shows region data (appended: a paging link may be there too).</summary>
    internal static void Attribute(HttpContext http) => http.Response.Headers.Append("Link", LicenseLink);

    private static IResult? Unknown(EntityStatus status, EntityKey key, IGeography geography)
    {
        if (status.HasData)
        {
            return null;
        }

        return geography.Regions is not { } map ? ApiProblems.RegionsOff(key.Code)
            : map.Find(key.Code) is null ? ApiProblems.UnknownRegion(key.Code)
            : null;
    }
}
