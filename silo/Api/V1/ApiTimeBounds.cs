namespace Grid.Silo.Api.V1;

/// <summary>
/// The times the API takes in a query: from the Unix epoch to the end of 2100. Nothing Grid
/// measures lies outside, and keeping a margin of centuries from <see cref="DateTimeOffset.MinValue"/>
/// and <see cref="DateTimeOffset.MaxValue"/> means no default window (a day back, a step forward)
/// built on a query's time can overflow.
/// </summary>
internal static class ApiTimeBounds
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    public static readonly DateTimeOffset Latest = new(2100, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static bool Contains(DateTimeOffset at) => at >= Earliest && at <= Latest;

    public static IResult OutOfRange(string name, string text) => ApiProblems.BadRequest(
        "Time out of range",
        $"{name} '{text}' lies outside the times Grid serves: give a time from 1970-01-01T00:00:00Z to 2100-12-31T23:59:59Z (ISO 8601 or Unix seconds).");
}
