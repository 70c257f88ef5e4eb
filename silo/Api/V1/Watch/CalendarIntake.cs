using Grid.Grains.Elections;
using Grid.Grains.Watch;

namespace Grid.Silo.Api.V1.Watch;

/// <summary>
/// What <c>POST /v1/watch</c> and <c>POST /v1/elections</c> share: a body read up to
/// <c>Grid:Watch:MaxBodyBytes</c> (Kestrel's own limit is 30 MB), and room in the one calendar grain
/// for what it brings up to <c>Grid:Watch:MaxEntries</c>, since every entry is served to every reader.
/// </summary>
internal static class CalendarIntake
{
    private const string Split = "split the calendar into several requests";

    /// <summary>The body as text, or the 413 that says how to send it.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpRequest request, WatchOptions options)
    {
        var limit = options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, IntakeBody.TooLarge(limit, Split));
        }

        try
        {
            using var reader = new StreamReader(IntakeBody.Limited(request, limit));
            return (await reader.ReadToEndAsync(request.HttpContext.RequestAborted), null);
        }
        catch (Exception ex) when (ex is BodyTooLargeException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return (null, IntakeBody.TooLarge(limit, Split));
        }
    }

    /// <summary>Null when the calendar has room for <paramref name="count"/> more entries; else the 400 that says what to do.</summary>
    public static async Task<IResult?> RoomForAsync(IElectionCalendarGrain calendar, int count, WatchOptions options)
    {
        var held = await calendar.Count();
        return held + count <= options.MaxEntries
            ? null
            : ApiProblems.BadRequest("Calendar full", $"The calendar holds {held} entries and this request brings {count}, more than Grid:Watch:MaxEntries ({options.MaxEntries}): remove past entries (DELETE /v1/watch/{{id}}) or raise the setting.");
    }
}
