using System.ComponentModel;
using System.Text.Json;
using Grid.Geography;
using Grid.Grains.Elections;
using Grid.Grains.Watch;
using Grid.Silo.Api.Auth;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.V1.Watch;

/// <summary>
/// <c>/v1/watch</c>: the watch calendar (the election calendar grown to exams, protests,
/// referendums and other dates). GET lists entries by date with their windows, whether each is
/// watched now, and its risk; POST adds entries (admin) as JSON, the watch CSV, or ElectionGuide's
/// CSV; DELETE removes one by id (admin).
/// </summary>
public static class WatchEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication MapGridWatch(this WebApplication app)
    {
        var group = app.MapGroup("/v1/watch").WithTags("Watch");
        group.MapGet("", ListAsync)
            .RequireReadAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithSummary("The watch calendar")
            .WithDescription("Entries by start day with their watch windows, whether each is watched now, and its risk (null until a risk scorer is registered).")
            .Produces<WatchListing[]>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet(Auth.PresentedKey.CalendarFeedPath, CalendarAsync)
            .WithTags("Watch")
            .RequireCalendarAccess(app)
            .RequireCors(GridApi.ReadCorsPolicy)
            .WithSummary("The watch calendar as iCalendar")
            .WithDescription("RFC 5545: one all-day VEVENT per entry (UID, DTSTAMP, DTSTART/DTEND as dates, SUMMARY, CATEGORIES the kind, the watch window in DESCRIPTION), for a calendar app to subscribe to. Same filters as GET /v1/watch.")
            .Produces<string>(StatusCodes.Status200OK, WatchIcs.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("", AddAsync).RequireScope(ApiScopes.Admin)
            .WithSummary("Add watch calendar entries")
            .WithDescription("JSON ({\"kind\": \"exam\", \"country\": \"IQ\", \"start\": \"2026-06-14\", \"end\": \"2026-06-30\"}, one or an array), "
                + $"or with Content-Type: text/csv the watch CSV ('{WatchCsv.Header}[,beforeDays,afterDays]') or ElectionGuide's export.")
            .Accepts<WatchEntryRequest[]>("application/json", "text/csv")
            .Produces<ElectionImport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", RemoveAsync).RequireScope(ApiScopes.Admin)
            .WithSummary("Remove a watch calendar entry")
            .WithDescription("Removes the entry with this id (as GET /v1/watch lists it). 204 when removed, 404 when no entry has the id.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> CalendarAsync(
        [Description("Only entries whose window has not ended and opens within this many days, e.g. 90d.")] string? upcoming,
        [Description("ISO 3166-1 alpha-2 code: only this country's entries (and its regions').")] string? country,
        [Description("Only entries of this kind: election, exam, protest, referendum or other.")] string? kind,
        [Description("Only entries scored at least this risk: low, medium or high (none while no risk scorer is registered).")] string? minRisk,
        HttpRequest request,
        IGrainFactory grains,
        IOptions<ElectionOptions> windows,
        IWatchRiskScorer risk,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (listed, problem) = await SelectAsync(upcoming, country, kind, minRisk, grains, windows.Value, risk, time.GetUtcNow(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return Results.Text(WatchIcs.Write(listed!, time.GetUtcNow(), request.Host.Host is { Length: > 0 } host ? host : "grid"), WatchIcs.MediaType + "; charset=utf-8");
    }

    private static async Task<IResult> ListAsync(
        [Description("Only entries whose window has not ended and opens within this many days, e.g. 90d.")] string? upcoming,
        [Description("ISO 3166-1 alpha-2 code: only this country's entries (and its regions').")] string? country,
        [Description("Only entries of this kind: election, exam, protest, referendum or other.")] string? kind,
        [Description("Only entries scored at least this risk: low, medium or high (none while no risk scorer is registered).")] string? minRisk,
        IGrainFactory grains,
        IOptions<ElectionOptions> windows,
        IWatchRiskScorer risk,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (listed, problem) = await SelectAsync(upcoming, country, kind, minRisk, grains, windows.Value, risk, time.GetUtcNow(), cancellationToken);
        return problem ?? Results.Ok(listed);
    }

    private static async Task<(List<WatchListing>? Listed, IResult? Problem)> SelectAsync(
        string? upcoming, string? country, string? kind, string? minRisk, IGrainFactory grains, ElectionOptions windows, IWatchRiskScorer risk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (country is not null && !CountryCode.TryParse(country, out _))
        {
            return (null, ApiProblems.MalformedCountry(country));
        }

        var wanted = "";
        if (kind is not null && !WatchKinds.TryParse(kind, out wanted))
        {
            return (null, ApiProblems.BadRequest("Unknown kind", $"'{kind}' is not a kind of the watch calendar; use one of {string.Join(", ", WatchKinds.All)}."));
        }

        var horizon = TimeSpan.Zero;
        if (upcoming is not null && !WatchHorizon.TryParse(upcoming, out horizon))
        {
            return (null, ApiProblems.BadRequest("Bad horizon", $"upcoming must be a number of days from 1 to {WatchHorizon.MaxDays}, written like 90d."));
        }

        var floor = minRisk is null ? -1 : WatchRisk.Rank(minRisk);
        if (minRisk is not null && floor < 0)
        {
            return (null, ApiProblems.BadRequest("Unknown risk level", $"minRisk must be one of {string.Join(", ", WatchRisk.Levels)}."));
        }

        var entries = await Calendar(grains).List(country?.ToUpperInvariant());
        var listed = new List<WatchListing>();
        foreach (var entry in entries.Where(e => kind is null || e.WatchKind == wanted).OrderBy(e => e.Date).ThenBy(e => e.Region ?? e.Country, StringComparer.Ordinal))
        {
            if (upcoming is not null && (windows.WatchUntil(entry) <= now || windows.WatchFrom(entry) > now + horizon))
            {
                continue;
            }

            var scored = await risk.ScoreAsync(entry, cancellationToken);
            // An unscored entry has no risk to compare: minRisk keeps only entries scored at least that high.
            if (minRisk is not null && (scored is null || WatchRisk.Rank(scored.Level) < floor))
            {
                continue;
            }

            listed.Add(WatchListing.Of(entry, windows, now, scored));
        }

        return (listed, null);
    }

    private static async Task<IResult> RemoveAsync([Description("The entry's id, as GET /v1/watch lists it.")] string id, IGrainFactory grains, ElectionCalendarView view)
    {
        if (!await Calendar(grains).Remove(id))
        {
            return ApiProblems.NotFound("Unknown watch entry", $"No calendar entry has the id '{id}': GET /v1/watch lists each entry's id.");
        }

        view.Invalidate();
        return Results.NoContent();
    }

    private static async Task<IResult> AddAsync(HttpRequest request, IGrainFactory grains, ElectionCalendarView view, IOptions<WatchOptions> options)
    {
        var (text, unread) = await CalendarIntake.ReadAsync(request, options.Value);
        if (text is null)
        {
            return unread!;
        }

        List<ElectionEntry> entries;
        var skipped = 0;
        SortedSet<string> unmapped;
        try
        {
            if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var csv = new StringReader(text);
                var first = text.AsSpan().TrimStart('\uFEFF');
                if (first.StartsWith("date,country", StringComparison.OrdinalIgnoreCase))
                {
                    (entries, skipped, unmapped) = ElectionGuideCsv.Read(csv);
                }
                else
                {
                    (entries, unmapped) = WatchCsv.Read(csv);
                }
            }
            else
            {
                (entries, unmapped, var problem) = FromJson(text);
                if (problem is not null)
                {
                    return problem;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return ApiProblems.BadRequest("Unreadable calendar", ex.Message + $" Send JSON entries, or with Content-Type: text/csv the watch CSV ('{WatchCsv.Header}') or ElectionGuide's export.");
        }

        if (await CalendarIntake.RoomForAsync(Calendar(grains), entries.Count, options.Value) is { } full)
        {
            return full;
        }

        var added = await Calendar(grains).Add([.. entries]);
        view.Invalidate();
        return Results.Ok(new ElectionImport(added, entries.Count - added, skipped + unmapped.Count, [.. unmapped]));
    }

    private static (List<ElectionEntry> Entries, SortedSet<string> Unmapped, IResult? Problem) FromJson(string text)
    {
        var entries = new List<ElectionEntry>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var items = text.TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize<WatchEntryRequest?[]>(text, Json) ?? []
            : [JsonSerializer.Deserialize<WatchEntryRequest>(text, Json)];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not { } item)
            {
                return (entries, unmapped, ApiProblems.BadRequest("Bad watch entry", $"Entry {i} is null: send objects such as {{\"kind\": \"exam\", \"country\": \"IQ\", \"start\": \"2026-06-14\"}}."));
            }

            var entry = item.ToEntry("api", out var problem, out var unknown);
            if (problem is not null)
            {
                return (entries, unmapped, ApiProblems.BadRequest("Bad watch entry", $"Entry {i}: {problem}"));
            }

            if (unknown is not null)
            {
                unmapped.Add(unknown);
                continue;
            }

            entries.Add(entry!);
        }

        return (entries, unmapped, null);
    }

    private static IElectionCalendarGrain Calendar(IGrainFactory grains) => grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key);
}
