using Grid.Grains.Elections;
using Grid.Testing.Data;

namespace Grid.Grains.Tests;

/// <summary>ElectionGuide's real calendar export (../shared/data/elections), read into ISO-coded entries.</summary>
public sealed class ElectionGuideCsvTests
{
    [Fact]
    public void TheRealCalendarMapsFormalNamesToIsoCodesAndReportsTheRest()
    {
        using var reader = File.OpenText(SharedData.PathOf("elections", "electionguide.election_df.2021-03.csv"));
        var (entries, skipped, unmapped) = ElectionGuideCsv.Read(reader);

        Assert.Contains(new ElectionEntry("BY", new DateOnly(2020, 8, 9), "Election for President", "electionguide"), entries);
        Assert.Contains(entries, e => e.Country == "AZ" && e.Date.Year == 2018);
        Assert.Contains(entries, e => e.Country == "GR");
        Assert.Contains(entries, e => e.Country == "TW");
        Assert.Contains("Scotland", unmapped);
        Assert.Contains("Basque Country", unmapped);
        Assert.DoesNotContain("Republic of Kazakhstan", unmapped);
        Assert.True(entries.Count > 2000, $"only {entries.Count} entries");
        Assert.True(skipped > 0);
    }

    [Theory]
    [InlineData("Aug. 9, 2020", 2020, 8, 9)]
    [InlineData("June 8, 2023", 2023, 6, 8)]
    [InlineData("Sept. 11, 2016", 2016, 9, 11)]
    [InlineData("2024-02-07", 2024, 2, 7)]
    public void DatesReadAsElectionGuideWritesThem(string text, int year, int month, int day)
    {
        Assert.True(ElectionGuideCsv.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Fact]
    public void TheWatchRunsFromThreeDaysBeforeToSevenDaysAfter()
    {
        var options = new ElectionOptions();
        var kazakhstan = new ElectionEntry("KZ", new DateOnly(2022, 11, 20), "Election for President", "api");

        Assert.True(options.Watches(kazakhstan, new DateTimeOffset(2022, 11, 17, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(options.Watches(kazakhstan, new DateTimeOffset(2022, 11, 16, 23, 59, 0, TimeSpan.Zero)));
        Assert.True(options.Watches(kazakhstan, new DateTimeOffset(2022, 11, 27, 23, 59, 0, TimeSpan.Zero)));
        Assert.False(options.Watches(kazakhstan, new DateTimeOffset(2022, 11, 28, 0, 0, 0, TimeSpan.Zero)));
    }
}
