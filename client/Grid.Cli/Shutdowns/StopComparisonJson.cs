using System.Globalization;
using Grid.Grains.Detection;
using Grid.Grains.Shutdowns;

namespace Grid.Cli.Shutdowns;

/// <summary>What <c>grid stop match --json</c> prints: the range, the matched rows with their events' ids, the events only Grid saw, the rows only STOP has.</summary>
internal sealed record StopComparisonJson(string From, string To, IReadOnlyList<StopComparisonJson.Match> Matched, IReadOnlyList<StopComparisonJson.Event> GridOnly, IReadOnlyList<StopComparisonJson.Row> StopOnly)
{
    public static StopComparisonJson Of(StopComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new StopComparisonJson(
            Day(comparison.From),
            Day(comparison.To),
            [.. comparison.Matched.Select(m => new Match(RowOf(m.Row), [.. m.Events.Select(EventOf)]))],
            [.. comparison.GridOnly.Select(EventOf)],
            [.. comparison.StopOnly.Select(RowOf)]);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Row RowOf(StopRecord r) => new(
        r.Sheet, r.Line, r.CountryName, r.Country.ToString(), Day(r.Start), r.End is { } end ? Day(end) : null,
        r.Scope.ToString().ToLowerInvariant(), r.AreaName, StopVocabulary.Text(r.Type), StopVocabulary.Text(r.Extent), r.CauseText, r.Election.ToString().ToLowerInvariant());

    private static Event EventOf(ObservedOutage e) => new(e.Id, e.Location, e.Country.ToString(), e.Name, e.Start, e.End, e.Level.Name(), e.Fraction, e.Mechanism);

    /// <summary>A STOP row as read: where it is in its file, and its cells with scope and election normalized.</summary>
    public sealed record Row(string Sheet, long Line, string Country, string Code, string StartDate, string? EndDate, string Scope, string AreaName, string Type, string Extent, string Cause, string Election);

    public sealed record Event(string Id, string Location, string Country, string? Name, DateTimeOffset StartTime, DateTimeOffset? EndTime, string Level, double Fraction, string Mechanism);

    public sealed record Match(Row Stop, IReadOnlyList<Event> Events);
}
