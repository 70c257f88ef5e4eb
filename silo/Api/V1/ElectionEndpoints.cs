using System.ComponentModel;
using System.Text.Json;
using Grid.Grains.Elections;
using Grid.Geography;
using Grid.Grains.Watch;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.V1.Watch;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1;

/// <summary>
/// <c>/v1/elections</c>: the calendar. GET reads it (with each entry's id and watch window); POST adds
/// entries (admin scope) as JSON, or as ElectionGuide's CSV export with <c>Content-Type: text/csv</c>;
/// DELETE removes one by id (admin scope). Days outside 1900–2100 are refused.
/// </summary>
public static class ElectionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication MapGridElections(this WebApplication app)
    {
        var group = app.MapGroup("/v1/elections").WithTags("Elections");
        group.MapGet("", ListAsync)
            .RequireReadAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithSummary("The election calendar")
            .WithDescription("Entries (country, date, type, source) with the watch window around each, optionally for one country.")
            .Produces(StatusCodes.Status200OK);
        group.MapPost("", AddAsync).RequireScope(ApiScopes.Admin)
            .WithSummary("Add election entries")
            .WithDescription("JSON entries ({\"country\": \"BY\", \"date\": \"2020-08-09\"}, one or an array), or ElectionGuide's CSV export with Content-Type: text/csv. Unmapped country names are reported, not fatal.")
            .Accepts<ElectionRequest[]>("application/json", "text/csv")
            .Produces<ElectionImport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id}", RemoveAsync).RequireScope(ApiScopes.Admin)
            .WithSummary("Remove an election entry")
            .WithDescription("Removes the election with this id (as GET /v1/elections lists it, e.g. BY-2020-08-09-3f2a9c1e). 204 when removed, 404 when no election has the id; an exam, protest or referendum is removed with DELETE /v1/watch/{id}.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> ListAsync([Description("ISO 3166-1 alpha-2 code: only this country's entries.")] string? country, IGrainFactory grains, IOptions<ElectionOptions> options)
    {
        if (country is not null && !CountryCode.TryParse(country, out _))
        {
            return ApiProblems.MalformedCountry(country);
        }

        var entries = await Calendar(grains).List(country?.ToUpperInvariant());
        var watch = options.Value;
        // The calendar also holds exams, protests and referendums (GET /v1/watch); this list stays the elections.
        return Results.Ok(entries.Where(e => e.Kind is null).Select(e => new
        {
            e.Id,
            e.Country,
            e.Date,
            e.Type,
            e.Source,
            WatchFrom = watch.WatchFrom(e),
            WatchUntil = watch.WatchUntil(e),
        }));
    }

    private static async Task<IResult> RemoveAsync([Description("The entry's id, as GET /v1/elections lists it.")] string id, IGrainFactory grains, ElectionCalendarView view)
    {
        // The calendar also holds exams, protests and referendums: this endpoint removes elections only, as it lists them.
        var entry = (await Calendar(grains).List(null)).FirstOrDefault(e => e.Id == id);
        if (entry?.Kind is { } kind)
        {
            return ApiProblems.NotFound("Not an election", $"The entry '{id}' is a watch-calendar entry of kind {kind}, not an election: DELETE /v1/watch/{id} removes it.");
        }

        if (!await Calendar(grains).Remove(id))
        {
            return ApiProblems.NotFound("Unknown election", $"No calendar entry has the id '{id}': GET /v1/elections lists each entry's id.");
        }

        view.Invalidate();
        return Results.NoContent();
    }

    private static async Task<IResult> AddAsync(HttpRequest request, IGrainFactory grains, ElectionCalendarView view, IOptions<WatchOptions> options)
    {
        List<ElectionEntry> entries;
        var skipped = 0;
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        // The calendar is small enough to hold whole, up to Grid:Watch:MaxBodyBytes.
        var (text, unread) = await CalendarIntake.ReadAsync(request, options.Value);
        if (text is null)
        {
            return unread!;
        }

        try
        {
            if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var csv = new StringReader(text);
                (entries, skipped, unmapped) = ElectionGuideCsv.Read(csv);
            }
            else
            {
                entries = [];
                var items = text.TrimStart().StartsWith('[')
                    ? JsonSerializer.Deserialize<ElectionRequest[]>(text, Json) ?? []
                    : [JsonSerializer.Deserialize<ElectionRequest>(text, Json)!];
                foreach (var item in items)
                {
                    if (item?.Country is null || item.Date is null || !ElectionGuideCsv.TryParseDate(item.Date, out var date))
                    {
                        return ApiProblems.BadRequest("Bad election", "Each entry needs 'country' (ISO code or name) and 'date' (2020-08-09); 'type' and 'source' are optional.");
                    }

                    if (item.Type?.Length > WatchEntryRequest.MaxText || item.Source?.Length > WatchEntryRequest.MaxText)
                    {
                        return ApiProblems.BadRequest("Bad election", $"'type' and 'source' hold at most {WatchEntryRequest.MaxText} characters: every reader is served them.");
                    }

                    if (!ElectionEntry.IsPlausible(date))
                    {
                        return ApiProblems.BadRequest("Election date out of range", $"'{item.Date}' is outside the years Grid takes: give an election day from {ElectionEntry.EarliestDate:yyyy-MM-dd} to {ElectionEntry.LatestDate:yyyy-MM-dd}.");
                    }

                    if (!ElectionCountryNames.TryMap(item.Country, out var code))
                    {
                        unmapped.Add(item.Country);
                        skipped++;
                        continue;
                    }

                    entries.Add(new ElectionEntry(code.ToString(), date, item.Type ?? "election", item.Source ?? "api"));
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return ApiProblems.BadRequest("Unreadable calendar", ex.Message + " Send JSON entries or, with Content-Type: text/csv, ElectionGuide's export.");
        }

        if (await CalendarIntake.RoomForAsync(Calendar(grains), entries.Count, options.Value) is { } full)
        {
            return full;
        }

        var added = await Calendar(grains).Add([.. entries]);
        view.Invalidate();
        return Results.Ok(new ElectionImport(added, entries.Count - added, skipped, [.. unmapped]));
    }

    private static IElectionCalendarGrain Calendar(IGrainFactory grains) => grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key);
}

/// <summary>One entry of <c>POST /v1/elections</c> as JSON.</summary>
public sealed record ElectionRequest(string? Country, string? Date, string? Type, string? Source);
