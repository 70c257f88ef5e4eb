using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Risk;
using Grid.Grains.Shutdowns;
using Grid.Grains.Tests.Shutdowns;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Risk;

/// <summary>Risk scores of real elections (ElectionGuide's calendar) from Access Now's STOP rows.</summary>
public sealed class ShutdownRiskScorerTests
{
    private static readonly IReadOnlyList<StopRecord> Stop = StopFile.Read().Records;
    private static readonly CountryCode Belarus = CountryCode.Parse("BY");

    [Fact]
    public void BelarusIn2020ScoresAboveAnElectionInACountryStopNeverNamedAndCitesItsRows()
    {
        using var reader = new StreamReader(SharedData.DataFile(Path.Combine("elections", "electionguide.election_df.2021-03.csv")));
        var calendar = ElectionGuideCsv.Read(reader).Entries;
        var belarus = calendar.First(e => e.Country == "BY" && e.Date == new DateOnly(2020, 8, 9));
        var stopCountries = Stop.Select(r => r.Country.ToString()).ToHashSet();
        var quiet = calendar.First(e => e.Date.Year == 2020 && !stopCountries.Contains(e.Country));

        var risk = ShutdownRiskScorer.Score(Belarus, RiskEntryKind.Election, belarus.Date, Stop, []);
        var other = ShutdownRiskScorer.Score(CountryCode.Parse(quiet.Country), RiskEntryKind.Election, quiet.Date, Stop, []);

        Assert.True(risk.Score > other.Score, $"BY {risk.Score} against {quiet.Country} {other.Score}");
        Assert.Equal(RiskLevel.Low, other.Level);
        // 10 for 2020-06-19 (within three years), 5 for 2017-03-25 (earlier), 20 as both cut the full network; no earlier election shutdown.
        Assert.Equal((35, RiskLevel.Medium), (risk.Score, risk.Level));
        var reasons = risk.Reasons.ToList();
        Assert.Contains(reasons, r => r.Contains("Belarus 2017-03-25 (Shutdown, Full network, cause Protest)", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Belarus 2020-06-19", StringComparison.Ordinal));
        // The election's own shutdown began that day: it is not known before it.
        Assert.DoesNotContain(reasons, r => r.Contains("2020-08-09", StringComparison.Ordinal));
        Assert.Equal(risk.Score, risk.Parts.Sum(p => p.Points));
        // One row each: said in the singular, as people read it.
        Assert.Equal("1 shutdown in the 3 years before in STOP", risk.Parts.Single(p => p.Name == "recent").Reason);
        Assert.Equal("1 shutdown more than 3 years before in STOP", risk.Parts.Single(p => p.Name == "earlier").Reason);
        Assert.Equal("2 earlier shutdowns of the full network", risk.Parts.Single(p => p.Name == "depth").Reason);
    }

    [Fact]
    public void OnlyRowsBeforeTheDayCount()
    {
        var onTheDay = ShutdownRiskScorer.Score(Belarus, RiskEntryKind.Protest, new DateOnly(2017, 3, 25), Stop, []);
        var dayAfter = ShutdownRiskScorer.Score(Belarus, RiskEntryKind.Protest, new DateOnly(2017, 3, 26), Stop, []);

        Assert.Equal(0, onTheDay.Score);
        Assert.True(dayAfter.Score >= 25 + 10 + 20, string.Join('\n', dayAfter.Reasons));
        Assert.Equal(25, dayAfter.Parts.Single(p => p.Name == "occasion").Points);
    }

    [Fact]
    public void AnExamCountsShutdownsForExamsAndAnElectionDoesNot()
    {
        var iraq = CountryCode.Parse("IQ");
        var exam = ShutdownRiskScorer.Score(iraq, RiskEntryKind.Exam, new DateOnly(2020, 6, 1), Stop, []);
        var election = ShutdownRiskScorer.Score(iraq, RiskEntryKind.Election, new DateOnly(2020, 6, 1), Stop, []);

        var occasion = exam.Parts.Single(p => p.Name == "occasion");
        Assert.NotEmpty(occasion.Cited);
        Assert.All(occasion.Cited, c => Assert.StartsWith("Iraq ", c, StringComparison.Ordinal));
        Assert.True(exam.Score > election.Score);
    }

    [Fact]
    public void GridsOwnEventsBeforeTheDayAddToTheScore()
    {
        var date = new DateOnly(2020, 8, 9);
        var before = Outage(new DateTimeOffset(2020, 6, 19, 9, 0, 0, TimeSpan.Zero));
        var after = Outage(new DateTimeOffset(2020, 8, 9, 21, 0, 0, TimeSpan.Zero));

        var without = ShutdownRiskScorer.Score(Belarus, RiskEntryKind.Election, date, Stop, []);
        var with = ShutdownRiskScorer.Score(Belarus, RiskEntryKind.Election, date, Stop, [before, after]);

        Assert.Equal(without.Score + 5, with.Score);
        var own = Assert.Single(with.Parts.Single(p => p.Name == "grid").Cited);
        Assert.Equal("country/BY 2020-06-19 09:00Z (critical, 95 % drop, routes-withdrawn)", own);
    }

    private static ObservedOutage Outage(DateTimeOffset start) =>
        new("BY-1", EntityKey.Country(Belarus), Belarus, "Belarus", start, start.AddHours(3), DetectionLevel.Critical, 0.95, false, "routes-withdrawn");
}
