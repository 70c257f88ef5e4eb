using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Grains.Signals;
using Grid.Runtime;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1;

/// <summary>Country and AS status and history: <c>/v1/countries…</c> and <c>/v1/asns…</c>.</summary>
public static class EntityEndpoints
{
    public static WebApplication MapGridEntities(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/countries", ListCountries);
        v1.MapGet("/countries/{cc}", GetCountry);
        v1.MapGet("/countries/{cc}/asns", ListCountryAsns);
        v1.MapGet("/countries/{cc}/signals", CountrySignals);
        v1.MapGet("/asns/{asn}", GetAsn);
        v1.MapGet("/asns/{asn}/signals", AsnSignals);
        return app;
    }

    private static async Task<IResult> ListCountries(IGrainFactory grains, IGeography geography)
    {
        var codes = geography.Countries.Append(CountryCode.Unknown).Distinct().Order();
        var statuses = await Task.WhenAll(codes.Select(c => grains.GetGrain<ICountryGrain>(EntityKeys.Country(c)).Status()));
        return Results.Ok(statuses.Where(s => s.HasData || !CountryCode.Parse(s.Code).IsUnknown));
    }

    private static async Task<IResult> GetCountry(string cc, IGrainFactory grains, IGeography geography)
    {
        var (status, problem) = await CountryStatusAsync(cc, grains, geography);
        return problem ?? Results.Ok(status);
    }

    private static async Task<IResult> ListCountryAsns(string cc, int? limit, IGrainFactory grains, IGeography geography)
    {
        var (status, problem) = await CountryStatusAsync(cc, grains, geography);
        if (problem is not null)
        {
            return problem;
        }

        if (limit is < 1 or > 10_000)
        {
            return ApiProblems.BadRequest("Bad limit", $"limit {limit} is out of range: ask for 1 to 10000 ASes.");
        }

        // The ASes seen originating space in the country (dark ones included), not every AS
        // registered there: 28k registered US ASes would mean 28k grains per request.
        var asns = await grains.GetGrain<ICountryGrain>(status!.Code).OriginAsns();
        var statuses = await Task.WhenAll(asns.Select(a => grains.GetGrain<IAsGrain>(EntityKeys.As(a)).Status()));
        return Results.Ok(statuses
            .OrderByDescending(s => s.Signals[SignalNames.Bgp].Value)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .Take(limit ?? 100));
    }

    private static async Task<IResult> CountrySignals(string cc, string? from, string? until, string? step, HttpRequest request, IGrainFactory grains, IGeography geography, IOptions<SignalOptions> options)
    {
        var (status, problem) = await CountryStatusAsync(cc, grains, geography);
        return problem ?? await HistoryAsync(grains.GetGrain<ICountryGrain>(status!.Code), status, from, until, step, request, options.Value);
    }

    private static async Task<IResult> GetAsn(string asn, IGrainFactory grains, IGeography geography)
    {
        var (status, problem) = await AsStatusAsync(asn, grains, geography);
        return problem ?? Results.Ok(status);
    }

    private static async Task<IResult> AsnSignals(string asn, string? from, string? until, string? step, HttpRequest request, IGrainFactory grains, IGeography geography, IOptions<SignalOptions> options)
    {
        var (status, problem) = await AsStatusAsync(asn, grains, geography);
        return problem ?? await HistoryAsync(grains.GetGrain<IAsGrain>(status!.Code), status, from, until, step, request, options.Value);
    }

    private static async Task<(EntityStatus? Status, IResult? Problem)> CountryStatusAsync(string cc, IGrainFactory grains, IGeography geography)
    {
        if (!CountryCode.TryParse(cc, out var code))
        {
            return (null, ApiProblems.MalformedCountry(cc));
        }

        var status = await grains.GetGrain<ICountryGrain>(EntityKeys.Country(code)).Status();
        var known = status.HasData || geography.Countries.Contains(code) || geography.CountryName(code) is not null;
        return known ? (status, null) : (null, ApiProblems.UnknownCountry(code.ToString()));
    }

    private static async Task<(EntityStatus? Status, IResult? Problem)> AsStatusAsync(string text, IGrainFactory grains, IGeography geography)
    {
        if (!EntityKeys.TryParseAsn(text, out var asn))
        {
            return (null, ApiProblems.MalformedAsn(text));
        }

        var status = await grains.GetGrain<IAsGrain>(EntityKeys.As(asn)).Status();
        var known = status.HasData || !geography.CountryOfAsn(asn).IsUnknown;
        return known ? (status, null) : (null, ApiProblems.UnknownAsn(asn));
    }

    private static async Task<IResult> HistoryAsync(IEntityGrain grain, EntityStatus status, string? from, string? until, string? step, HttpRequest request, SignalOptions options)
    {
        if (!HistoryQuery.TryParse(from, until, step, status, options, out var query, out var problem))
        {
            return problem!;
        }

        var history = await grain.History(query.From, query.Until, query.Step);
        var wantsCsv = request.Headers.Accept.Any(a => a is not null && a.Contains(SignalHistoryCsv.MediaType, StringComparison.OrdinalIgnoreCase));
        return wantsCsv ? Results.Text(SignalHistoryCsv.Write(history), SignalHistoryCsv.MediaType) : Results.Ok(history);
    }
}
