using System.ComponentModel;
using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Grains.Signals;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Caching;
using Grid.Silo.Api.Paging;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1;

/// <summary>Country and AS status and history: <c>/v1/countries…</c> and <c>/v1/asns…</c>; regions are in <see cref="RegionEndpoints"/>.</summary>
public static class EntityEndpoints
{
    public static WebApplication MapGridEntities(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy).WithTags("Status");
        v1.MapGet("/countries", ListCountries)
            .WithSummary("Every country's status")
            .WithDescription("Countries sorted by code, filtered by `level` (of the country, or of one `signal`). Paged with `limit`/`cursor`: follow `Link: rel=\"next\"`; `X-Total-Count` counts the matches. Revalidate with `If-None-Match`.")
            .Produces<EntityStatus[]>().ProducesStatusCaching().ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/countries/{cc}", GetCountry)
            .WithSummary("One country's status")
            .WithDescription("The country's level (worst of its signals), each signal's value, baseline, ratio and level, and its open event; with region data (Grid:Geo:Regions), its `regions` (code, name, level) and their `attribution`. Carries `ETag` and `Cache-Control: max-age` up to the next evaluation tick; `If-None-Match` gets 304.")
            .Produces<EntityStatus>().ProducesStatusCaching().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/countries/{cc}/asns", ListCountryAses)
            .WithSummary("The ASes seen originating space in a country")
            .WithDescription("Sorted by visible /24s, largest first (dark ones included, at the end). Paged with `limit` (default 100) and `cursor`.")
            .Produces<EntityStatus[]>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/countries/{cc}/signals", CountrySignals)
            .WithSummary("A country's signal history")
            .WithDescription("Each signal resampled to `step` over [`from`, `until`]; JSON, or CSV with `Accept: text/csv` or `format=csv`. Reversed ranges, ranges over the maximum (Grid:Signals:MaxQueryRange) and more than 10,000 points are refused with 400.")
            .Produces<SignalHistory>().Produces<string>(StatusCodes.Status200OK, SignalHistoryCsv.MediaType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/asns/{asn}", GetAs)
            .WithSummary("One AS's status")
            .WithDescription("Like a country's status, for an autonomous system (`AS6697` or `6697`). Cacheable like it.")
            .Produces<EntityStatus>().ProducesStatusCaching().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/asns/{asn}/signals", AsSignals)
            .WithSummary("An AS's signal history")
            .WithDescription("Like a country's signal history, for an AS.")
            .Produces<SignalHistory>().Produces<string>(StatusCodes.Status200OK, SignalHistoryCsv.MediaType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListCountries(
        [Description("Levels to keep, comma-separated: normal, warning, critical, unknown.")] string? level,
        [Description("Judge `level` on this signal (bgp, bgp6, probes) instead of the country's overall level.")] string? signal,
        [Description("Page size, 1 to 1000; all countries by default.")] string? limit,
        [Description("Opaque position from the previous page's Link header.")] string? cursor,
        HttpContext http,
        CountryGrainReferences countries,
        IGeography geography)
    {
        if (!StatusFilter.TryParse(level, signal, out var filter, out var problem)
            || !PageRequest.TryParse(limit, cursor, PageRequest.MaxLimit, out var page, out problem))
        {
            return problem!;
        }

        var codes = geography.Countries.Append(CountryCode.Unknown).Distinct().Order();
        var statuses = await Task.WhenAll(codes.Select(c => countries[c].Status()));
        var matching = statuses.Where(s => (s.HasData || !CountryCode.Parse(s.Code).IsUnknown) && filter.Keeps(s)).ToList();
        return CacheableResult.Json(PageLinks.Slice(matching, page, http), http);
    }

    private static async Task<IResult> GetCountry(
        [Description("ISO 3166-1 alpha-2 code, e.g. BY.")] string cc,
        HttpContext http,
        CountryGrainReferences countries,
        RegionGrainReferences regions,
        LocalStatusCache cache,
        IGeography geography)
    {
        if (!CountryCode.TryParse(cc, out var code))
        {
            return ApiProblems.MalformedCountry(cc);
        }

        var read = await cache.GetAsync(EntityKey.Country(code).Code, countries[code]);
        if (!IsKnown(read.Status, code, geography))
        {
            return ApiProblems.UnknownCountry(code.ToString());
        }

        if (geography.Regions is not { } map)
        {
            return CacheableResult.Json(read, http);
        }

        // With its regions' levels the body is built per request, so its ETag follows them too.
        RegionEndpoints.Attribute(http);
        return CacheableResult.Json(await RegionEndpoints.WithRegionsAsync(read.Status, map, regions, cache), http);
    }

    private static async Task<IResult> ListCountryAses(
        [Description("ISO 3166-1 alpha-2 code.")] string cc,
        [Description("Page size, 1 to 1000; 100 by default.")] string? limit,
        [Description("Opaque position from the previous page's Link header.")] string? cursor,
        HttpContext http,
        IGrainFactory grains,
        CountryGrainReferences countries,
        IGeography geography)
    {
        var (status, problem) = await CountryStatusAsync(cc, countries, geography);
        if (problem is not null || !PageRequest.TryParse(limit, cursor, 100, out var page, out problem))
        {
            return problem!;
        }

        // The ASes seen originating space in the country (dark ones included), not every AS
        // registered there: 28k registered US ASes would mean 28k grains per request.
        var asns = await countries[CountryCode.Parse(status!.Code)].OriginAsns();
        var statuses = await Task.WhenAll(asns.Select(a => grains.GetGrain<IAsGrain>(EntityKey.As(a).Code).Status()));
        var ordered = statuses
            .OrderByDescending(s => s.Signals[SignalNames.Bgp].Value)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(PageLinks.Slice(ordered, page, http));
    }

    private static async Task<IResult> CountrySignals(
        [Description("ISO 3166-1 alpha-2 code.")] string cc,
        [Description("Start: ISO 8601 or Unix seconds; 24 h before `until` by default.")] string? from,
        [Description("End: ISO 8601 or Unix seconds; the latest data by default.")] string? until,
        [Description("Resolution: seconds (300) or a time span (00:05:00); Grid:Signals:Step by default.")] string? step,
        [Description("json (default) or csv; `Accept: text/csv` works too.")] string? format,
        HttpRequest request,
        CountryGrainReferences countries,
        IGeography geography,
        IOptions<SignalOptions> options)
    {
        var (status, problem) = await CountryStatusAsync(cc, countries, geography);
        return problem ?? await HistoryAsync(countries[CountryCode.Parse(status!.Code)], status, from, until, step, format, request, options.Value);
    }

    private static async Task<IResult> GetAs([Description("AS number: AS6697 or 6697.")] string asn, HttpContext http, IGrainFactory grains, LocalStatusCache cache, IGeography geography)
    {
        if (!EntityKey.TryParseAs(asn, out var key))
        {
            return ApiProblems.MalformedAsn(asn);
        }

        var read = await cache.GetAsync(key.Code, grains.GetGrain<IAsGrain>(key.Code));
        return read.Status.HasData || !geography.CountryOfAsn(key.Asn).IsUnknown ? CacheableResult.Json(read, http) : ApiProblems.UnknownAsn(key.Asn);
    }

    private static async Task<IResult> AsSignals(
        [Description("AS number: AS6697 or 6697.")] string asn,
        [Description("Start: ISO 8601 or Unix seconds.")] string? from,
        [Description("End: ISO 8601 or Unix seconds.")] string? until,
        [Description("Resolution: seconds or a time span.")] string? step,
        [Description("json (default) or csv.")] string? format,
        HttpRequest request,
        IGrainFactory grains,
        IGeography geography,
        IOptions<SignalOptions> options)
    {
        var (status, problem) = await AsStatusAsync(asn, grains, geography);
        return problem ?? await HistoryAsync(grains.GetGrain<IAsGrain>(status!.Code), status, from, until, step, format, request, options.Value);
    }

    internal static async Task<(EntityStatus? Status, IResult? Problem)> CountryStatusAsync(string cc, CountryGrainReferences countries, IGeography geography)
    {
        if (!CountryCode.TryParse(cc, out var code))
        {
            return (null, ApiProblems.MalformedCountry(cc));
        }

        var status = await countries[code].Status();
        return IsKnown(status, code, geography) ? (status, null) : (null, ApiProblems.UnknownCountry(code.ToString()));
    }

    private static bool IsKnown(EntityStatus status, CountryCode code, IGeography geography) =>
        status.HasData || geography.Countries.Contains(code) || geography.CountryName(code) is not null;

    private static async Task<(EntityStatus? Status, IResult? Problem)> AsStatusAsync(string text, IGrainFactory grains, IGeography geography)
    {
        if (!EntityKey.TryParseAs(text, out var key))
        {
            return (null, ApiProblems.MalformedAsn(text));
        }

        var status = await grains.GetGrain<IAsGrain>(key.Code).Status();
        var known = status.HasData || !geography.CountryOfAsn(key.Asn).IsUnknown;
        return known ? (status, null) : (null, ApiProblems.UnknownAsn(key.Asn));
    }

    internal static async Task<IResult> HistoryAsync(IEntityGrain grain, EntityStatus status, string? from, string? until, string? step, string? format, HttpRequest request, SignalOptions options)
    {
        if (format is not (null or "json" or "csv"))
        {
            return ApiProblems.BadRequest("Bad format", $"format '{format}' is unknown: use json (the default) or csv.");
        }

        if (!HistoryQuery.TryParse(from, until, step, status, options, out var query, out var problem))
        {
            return problem!;
        }

        var history = await grain.History(query.From, query.Until, query.Step);
        var wantsCsv = format == "csv"
            || (format is null && request.Headers.Accept.Any(a => a is not null && a.Contains(SignalHistoryCsv.MediaType, StringComparison.OrdinalIgnoreCase)));
        return wantsCsv ? Results.Text(SignalHistoryCsv.Write(history), SignalHistoryCsv.MediaType) : Results.Ok(history);
    }
}
