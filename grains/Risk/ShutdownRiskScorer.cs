using System.Globalization;
using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Shutdowns;

namespace Grid.Grains.Risk;

/// <summary>
/// The risk that a country shuts the internet down around an election, exam, protest or referendum,
/// from its record: Access Now's STOP rows and Grid's own events of that country, only those that
/// began before the entry's day (no look-ahead). The formula is in the README (Shutdown risk):
/// past shutdowns at the same occasion, shutdowns in the three years before, earlier ones, how deep
/// they went, and Grid's own events; the sum, at most 100, makes the level.
/// </summary>
public static class ShutdownRiskScorer
{
    public const int HighFrom = 50;
    public const int MediumFrom = 20;

    private const int YearsRecent = 3;

    public static ShutdownRisk Score(CountryCode country, RiskEntryKind kind, DateOnly date, IEnumerable<StopRecord> stop, IEnumerable<ObservedOutage> events)
    {
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(events);
        var before = StopRecord.Distinct(stop.Where(r => r.Country == country && r.Start < date)).OrderByDescending(r => r.Start).ToList();
        var recentFrom = date.AddYears(-YearsRecent);
        var recent = before.Where(r => r.Start >= recentFrom).ToList();
        var earlier = before.Where(r => r.Start < recentFrom).ToList();
        var dayStart = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var own = events
            .Where(e => e.Country == country && e.Level.IsOutage() && e.Start < dayStart && e.Start >= dayStart.AddYears(-YearsRecent))
            .OrderByDescending(e => e.Start)
            .ToList();

        RiskPart[] parts =
        [
            Occasion(kind, before),
            Counted("recent", recent, 10, 30, ($"shutdown in the {YearsRecent} years before", $"shutdowns in the {YearsRecent} years before")),
            Counted("earlier", earlier, 5, 10, ($"shutdown more than {YearsRecent} years before", $"shutdowns more than {YearsRecent} years before")),
            Depth(before),
            Own(own),
        ];
        var score = Math.Min(100, parts.Sum(p => p.Points));
        var level = score >= HighFrom ? RiskLevel.High : score >= MediumFrom ? RiskLevel.Medium : RiskLevel.Low;
        return new ShutdownRisk(country, kind, date, level, score, parts);
    }

    /// <summary>Shutdowns at the same occasion: 25 points for the first, 5 for each further one, at most 40.</summary>
    private static RiskPart Occasion(RiskEntryKind kind, List<StopRecord> before)
    {
        Func<StopRecord, bool>? same = kind switch
        {
            RiskEntryKind.Election or RiskEntryKind.Referendum => r => r.AtElection,
            RiskEntryKind.Exam => r => r.Cause == StopCause.ExamCheating,
            RiskEntryKind.Protest => r => r.Cause == StopCause.Protest,
            _ => null,
        };
        var what = kind switch
        {
            RiskEntryKind.Election or RiskEntryKind.Referendum => "elections",
            RiskEntryKind.Exam => "exams",
            RiskEntryKind.Protest => "protests",
            _ => "",
        };
        if (same is null)
        {
            return new RiskPart("occasion", 0, 40, "no occasion to compare: the entry is not an election, referendum, exam or protest", []);
        }

        var rows = before.Where(same).ToList();
        var points = rows.Count == 0 ? 0 : Math.Min(40, 25 + (5 * (rows.Count - 1)));
        return new RiskPart("occasion", points, 40, Count(rows.Count, ($"earlier shutdown at {what} in STOP", $"earlier shutdowns at {what} in STOP")), [.. rows.Select(r => r.Citation())]);
    }

    private static RiskPart Counted(string name, List<StopRecord> rows, int each, int most, (string One, string Many) what) =>
        new(name, Math.Min(most, each * rows.Count), most, Count(rows.Count, ($"{what.One} in STOP", $"{what.Many} in STOP")), [.. rows.Select(r => r.Citation())]);

    /// <summary>How deep the earlier shutdowns went: 20 when one cut the full network, 10 a part of it (or throttled), 5 services only.</summary>
    private static RiskPart Depth(List<StopRecord> before)
    {
        var full = before.Where(r => r.Extent == StopExtent.FullNetwork).ToList();
        var partial = before.Where(r => r.Extent == StopExtent.Partial || r.Type == StopShutdownType.Throttling).ToList();
        var services = before.Where(r => r.Extent == StopExtent.ServiceBased).ToList();
        return full.Count > 0 ? new RiskPart("depth", 20, 20, Count(full.Count, ("earlier shutdown of the full network", "earlier shutdowns of the full network")), [.. full.Select(r => r.Citation())])
            : partial.Count > 0 ? new RiskPart("depth", 10, 20, Count(partial.Count, ("earlier partial shutdown or throttling, none of the full network", "earlier partial shutdowns or throttlings, none of the full network")), [.. partial.Select(r => r.Citation())])
            : services.Count > 0 ? new RiskPart("depth", 5, 20, Count(services.Count, ("earlier block of services only", "earlier blocks of services only")), [.. services.Select(r => r.Citation())])
            : new RiskPart("depth", 0, 20, "no earlier shutdown in STOP", []);
    }

    /// <summary>Grid's own outage events of the country in the three years before: 5 points each, at most 10.</summary>
    private static RiskPart Own(List<ObservedOutage> events) => new(
        "grid",
        Math.Min(10, 5 * events.Count),
        10,
        Count(events.Count, ($"outage Grid observed in the {YearsRecent} years before", $"outages Grid observed in the {YearsRecent} years before")),
        [.. events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Location} {e.Start:yyyy-MM-dd HH:mm}Z ({e.Level.Name()}, {e.Fraction:P0} drop, {e.Mechanism})"))]);

    /// <summary>"no shutdowns …", "1 shutdown …", "3 shutdowns …": reasons are read by people.</summary>
    private static string Count(int count, (string One, string Many) what) => count switch
    {
        0 => $"no {what.Many}",
        1 => $"1 {what.One}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} {what.Many}"),
    };
}
