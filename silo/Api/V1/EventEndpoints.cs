using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Runtime;

namespace Grid.Silo.Api.V1;

/// <summary><c>GET /v1/events</c>: outage events of countries and ASes, newest first, in pages of 50.</summary>
public static class EventEndpoints
{
    private const int PageSize = 50;

    public static WebApplication MapGridEvents(this WebApplication app)
    {
        app.MapGroup("/v1").MapGet("/events", ListEvents);
        return app;
    }

    private static async Task<IResult> ListEvents(string? country, string? asn, string? from, string? until, string? level, int? page, IGrainFactory grains)
    {
        IResult? problem = null;
        CountryCode code = default;
        uint number = 0;
        if (country is not null && !CountryCode.TryParse(country, out code))
        {
            return ApiProblems.MalformedCountry(country);
        }

        if (asn is not null && !EntityKeys.TryParseAsn(asn, out number))
        {
            return ApiProblems.MalformedAsn(asn);
        }

        if (!HistoryQuery.TryTime(from, "from", DateTimeOffset.MinValue, out var start, ref problem)
            || !HistoryQuery.TryTime(until, "until", DateTimeOffset.MaxValue, out var end, ref problem))
        {
            return problem!;
        }

        if (level is not null && !DetectionLevel.IsOutage(level))
        {
            return ApiProblems.BadRequest("Bad level", $"level '{level}' is not an event level: use warning or critical.");
        }

        if (page is < 1)
        {
            return ApiProblems.BadRequest("Bad page", $"page {page} is out of range: pages count from 1.");
        }

        var query = new EventQuery(
            country is null ? null : code.ToString(),
            asn is null ? null : EntityKeys.As(number),
            from is null ? null : start,
            until is null ? null : end,
            level,
            page ?? 1,
            PageSize);
        var result = await grains.GetGrain<IEventLogGrain>(IEventLogGrain.Key).Query(query);
        return Results.Ok(new
        {
            result.Page,
            result.PageSize,
            result.Total,
            Items = result.Items.Select(CodfEvent.From),
        });
    }
}
