using System.ComponentModel;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Paging;

namespace Grid.Silo.Api.V1;

/// <summary>
/// <c>GET /v1/events</c>: outage events of countries and ASes, newest first. The body keeps its
/// shape (<c>page</c>, <c>pageSize</c>, <c>total</c>, <c>items</c>); besides <c>page</c>, the
/// <c>limit</c>/<c>cursor</c> scheme of the other lists works, with the same Link and X-Total-Count headers.
/// </summary>
public static class EventEndpoints
{
    private const int PageSize = 50;

    public static WebApplication MapGridEvents(this WebApplication app)
    {
        app.MapGroup("/v1").MapGet("/events", ListEvents)
            .RequireReadAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithTags("Events")
            .WithSummary("Outage events")
            .WithDescription("Events in IODA's CODF shape, newest first, overlapping [from, until], filtered by country (cc), region, AS, minimum level and open. 50 per page by default.")
            .Produces<EventListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ListEvents(
        [Description("ISO 3166-1 alpha-2 code of the entity's country (alias: country).")] string? cc,
        [Description("ISO 3166-1 alpha-2 code (the older name of cc).")] string? country,
        [Description("AS number: AS6697 or 6697.")] string? asn,
        [Description("Region code, e.g. BY-HM (any case): that region's own events.")] string? region,
        [Description("Events that ended after this (or are open): ISO 8601 or Unix seconds.")] string? from,
        [Description("Events that began before this: ISO 8601 or Unix seconds.")] string? until,
        [Description("Minimum level: warning or critical.")] string? level,
        [Description("true: only open events; false: only closed ones.")] string? open,
        [Description("Page number from 1 (older scheme; cursor is preferred).")] string? page,
        [Description("Page size, 1 to 1000; 50 by default.")] string? limit,
        [Description("Opaque position from the previous page's Link header.")] string? cursor,
        HttpContext http,
        IGrainFactory grains)
    {
        IResult? problem = null;
        CountryCode code = default;
        EntityKey asKey = default;
        var countryText = cc ?? country;
        if (countryText is not null && !CountryCode.TryParse(countryText, out code))
        {
            return ApiProblems.MalformedCountry(countryText);
        }

        if (asn is not null && !EntityKey.TryParseAs(asn, out asKey))
        {
            return ApiProblems.MalformedAsn(asn);
        }

        EntityKey regionKey = default;
        if (region is not null && !EntityKey.TryRegion(region, out regionKey))
        {
            return ApiProblems.MalformedRegion(region);
        }

        // Both name one entity's own events: one of them, or none.
        if (region is not null && asn is not null)
        {
            return ApiProblems.BadRequest("Region and AS", "region and asn each name one entity: give one of them (country may go with either).");
        }

        if (!HistoryQuery.TryTime(from, "from", DateTimeOffset.MinValue, out var start, ref problem)
            || !HistoryQuery.TryTime(until, "until", DateTimeOffset.MaxValue, out var end, ref problem))
        {
            return problem!;
        }

        if (from is not null && until is not null && start > end)
        {
            return ApiProblems.BadRequest("Reversed range", $"from ({start:O}) is after until ({end:O}): swap them.");
        }

        DetectionLevel? minimum = DetectionLevelExtensions.TryParseLevel(level, out var parsed) && parsed.IsOutage() ? parsed : null;
        if (level is not null && minimum is null)
        {
            return ApiProblems.BadRequest("Bad level", $"level '{level}' is not an event level: use warning or critical.");
        }

        if (open is not (null or "true" or "false"))
        {
            return ApiProblems.BadRequest("Bad open", $"open '{open}' is not a boolean: use true or false.");
        }

        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            return ApiProblems.BadRequest("Bad page", $"page '{page}' is out of range: pages count from 1.");
        }

        if (!PageRequest.TryParse(limit, cursor, PageSize, out var window, out problem))
        {
            return problem!;
        }

        // (page − 1) × limit must stay a position, not wrap around to a negative one.
        if ((long)(pageNumber - 1) * window.Limit > PageRequest.MaxOffset)
        {
            return ApiProblems.BadRequest("Bad page", $"page {pageNumber} of {window.Limit} events starts past event {PageRequest.MaxOffset:N0}: ask for an earlier page, or narrow the list with from, until, cc or asn.");
        }

        var offset = cursor is null ? (pageNumber - 1) * window.Limit : window.Offset;
        var query = new EventQuery(
            countryText is null ? null : code.ToString(),
            asn is not null ? asKey.Code : region is not null ? regionKey.Code : null,
            from is null ? null : start,
            until is null ? null : end,
            minimum,
            pageNumber,
            window.Limit,
            open is null ? null : open == "true",
            offset);
        var result = await grains.GetGrain<IEventLogGrain>(IEventLogGrain.Key).Query(query);
        PageLinks.Headers(http, result.Total, new PageRequest(offset, window.Limit), result.Items.Length);
        return Results.Ok(new EventListResponse(
            (offset / window.Limit) + 1,
            window.Limit,
            result.Total,
            [.. result.Items.Select(CodfEvent.From)]));
    }
}

/// <summary>The body of <c>GET /v1/events</c>.</summary>
public sealed record EventListResponse(int Page, int PageSize, int Total, CodfEvent[] Items);
