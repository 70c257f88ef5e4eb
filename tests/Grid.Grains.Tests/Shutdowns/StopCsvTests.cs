using Grid.Geography;
using Grid.Grains.Countries;
using Grid.Grains.Shutdowns;

namespace Grid.Grains.Tests.Shutdowns;

public sealed class StopCsvTests
{
    [Fact]
    public void EveryRowOfTheNormalizedFileIsReadAndEveryCountryHasACode()
    {
        var result = StopFile.Read();

        // 1,118 rows. Three end before they start (Belarus 2020-06-19 to 2020-06-16 among them) and two
        // end in words ("April/2017 following the inauguration …"): all five are kept as lasting their start day.
        Assert.Equal(1118, result.Records.Count);
        Assert.Empty(result.Problems);
        Assert.All(result.Notes, p => Assert.EndsWith("the row is read as lasting its start day", p.Problem, StringComparison.Ordinal));
        Assert.Equal([155, 172, 615, 650, 669], result.Notes.Select(p => p.Line));
        Assert.DoesNotContain(result.Records, r => r.Country.IsUnknown);
        var belarus = Assert.Single(result.Records, r => r.Country == CountryCode.Parse("BY") && r.Start == new DateOnly(2020, 6, 19));
        Assert.Null(belarus.End);
        Assert.Equal(belarus.Start, belarus.LastDay);
    }

    [Fact]
    public void TheSheetsWordsAreNormalized()
    {
        var records = StopFile.Read().Records;

        var minsk = Assert.Single(records, r => r.Country == CountryCode.Parse("BY") && r.Start == new DateOnly(2017, 3, 25));
        Assert.Equal((StopScope.National, StopShutdownType.Shutdown, StopExtent.FullNetwork, StopCause.Protest, StopElection.Unknown), (minsk.Scope, minsk.Type, minsk.Extent, minsk.Cause, minsk.Election));

        var election = Assert.Single(records, r => r.Country == CountryCode.Parse("BY") && r.Start == new DateOnly(2020, 8, 9));
        Assert.Equal((StopScope.National, StopCause.Election, StopElection.Yes), (election.Scope, election.Cause, election.Election));
        Assert.True(election.AtElection);

        // "Near country-wide", filed under "more than one state", is national.
        var nights = records.First(r => r.Country == CountryCode.Parse("MM") && r.Start == new DateOnly(2021, 2, 14));
        Assert.Equal(StopScope.National, nights.Scope);

        // 2019's levels: Level 1 is local, Level 2 regional.
        Assert.Contains(records, r => r.Country == CountryCode.Parse("MM") && r.AreaName == "Rakhine" && r.Scope == StopScope.Local);
        Assert.Contains(records, r => r.AreaName == "Rakhine and Chin States" && r.Scope == StopScope.Regional);

        Assert.Contains(records, r => r.Type == StopShutdownType.Throttling);
        Assert.Contains(records, r => r.Type == StopShutdownType.ServiceBased && r.Extent == StopExtent.ServiceBased);
        Assert.Contains(records, r => r.Cause == StopCause.ExamCheating && r.CauseText == "Cheating during exams");
        // Every cause the sheets give, in any of their spellings, is one of Grid's.
        Assert.All(records.Where(r => r.CauseText is { Length: > 0 } and not "Unknown"), r => Assert.NotEqual(StopCause.Unknown, r.Cause));
    }

    [Fact]
    public void EveryCountryNameOfTheSheetsIsWrittenBackAsOneTheSheetsReadAs()
    {
        foreach (var code in StopFile.Read().Records.Select(r => r.Country).Distinct())
        {
            var name = StopCountryNames.NameOf(code);
            Assert.True(InformalCountryNames.TryMap(name, out var back), name);
            Assert.Equal(code, back);
        }

        Assert.Equal("Iran (Islamic Republic of)", StopCountryNames.NameOf(CountryCode.Parse("IR")));
        Assert.Equal("Myanmar", StopCountryNames.NameOf(CountryCode.Parse("MM")));
    }

    [Theory]
    [InlineData("accessnow-stop.sheet-2016_2017_2018_.csv", 377)]
    [InlineData("accessnow-stop.sheet-2019.csv", 213)]
    [InlineData("accessnow-stop.sheet-2020_Data.csv", 159)]
    [InlineData("accessnow-stop.sheet-2021_Data.csv", 182)]
    [InlineData("accessnow-stop.sheet-2022_Data.csv", 187)]
    public void AYearsSheetIsReadWithItsExcelDatesAndOwnColumns(string sheet, int rows)
    {
        var normalized = StopFile.Read().Records;
        var result = StopFile.Read(sheet);

        Assert.True(result.Records.Count >= rows - 2, string.Join('\n', result.Problems));
        // Each row read from the sheet is a row of the normalized file: same country, days and scope.
        var known = normalized.Select(r => (r.Country, r.Start, r.End, r.Scope)).ToHashSet();
        var same = result.Records.Count(r => known.Contains((r.Country, r.Start, r.End, r.Scope)));
        Assert.True(same >= result.Records.Count * 0.95, $"{same} of {result.Records.Count} rows match the normalized file");
    }
}
