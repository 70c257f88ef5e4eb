using Grid.Grains.Elections;

namespace Grid.Grains.Tests.Elections;

/// <summary>
/// Watch windows at the ends of the calendar: an entry dated 0001-01-01 or 9999-12-31 (stored
/// before the API refused such days) gives a window held at DateTimeOffset's ends, never an
/// overflow that would stop every detection tick asking about it.
/// </summary>
public sealed class ElectionWatchWindowTests
{
    private static readonly ElectionOptions Watch = new();

    [Fact]
    public void YearOneOpensAtTheStartOfTimeAndWatchesNothingToday()
    {
        var entry = new ElectionEntry("BY", DateOnly.MinValue, "presidential", "import");
        Assert.Equal(DateTimeOffset.MinValue, Watch.WatchFrom(entry));
        Assert.Equal(new DateTimeOffset(1, 1, 9, 0, 0, 0, TimeSpan.Zero), Watch.WatchUntil(entry));
        Assert.False(Watch.Watches(entry, DateTimeOffset.UtcNow));
        Assert.True(Watch.Watches(entry, DateTimeOffset.MinValue));
    }

    [Fact]
    public void TheLastDayClosesAtTheEndOfTime()
    {
        var entry = new ElectionEntry("KZ", DateOnly.MaxValue, "presidential", "import");
        Assert.Equal(DateTimeOffset.MaxValue, Watch.WatchUntil(entry));
        Assert.False(Watch.Watches(entry, DateTimeOffset.UtcNow));
        Assert.True(Watch.Watches(entry, new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void HugeSettingsSaturateToo()
    {
        var wide = new ElectionOptions { Before = TimeSpan.MaxValue, After = TimeSpan.MaxValue };
        var entry = new ElectionEntry("BY", new DateOnly(2020, 8, 9), "presidential", "electionguide");
        Assert.Equal(DateTimeOffset.MinValue, wide.WatchFrom(entry));
        Assert.Equal(DateTimeOffset.MaxValue, wide.WatchUntil(entry));
        Assert.True(wide.Watches(entry, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void AnOrdinaryWindowRunsFromThreeDaysBeforeToSevenAfterTheDay()
    {
        var entry = new ElectionEntry("BY", new DateOnly(2020, 8, 9), "presidential", "electionguide");
        Assert.Equal(new DateTimeOffset(2020, 8, 6, 0, 0, 0, TimeSpan.Zero), Watch.WatchFrom(entry));
        Assert.Equal(new DateTimeOffset(2020, 8, 17, 0, 0, 0, TimeSpan.Zero), Watch.WatchUntil(entry));
    }

    [Theory]
    [InlineData(1899, 12, 31, false)]
    [InlineData(1900, 1, 1, true)]
    [InlineData(2100, 12, 31, true)]
    [InlineData(2101, 1, 1, false)]
    public void OnlyDaysFrom1900Through2100ArePlausible(int year, int month, int day, bool plausible) =>
        Assert.Equal(plausible, ElectionEntry.IsPlausible(new DateOnly(year, month, day)));

    [Fact]
    public void AYearZeroInTheCsvsLongFormIsNotADate() =>
        Assert.False(ElectionGuideCsv.TryParseDate("Aug. 9, 0", out _));

    [Fact]
    public void AnEntrysIdNamesItsCountryDayAndType()
    {
        var entry = new ElectionEntry("by", new DateOnly(2020, 8, 9), "Presidential", "electionguide");
        Assert.Matches("^BY-2020-08-09-[0-9a-f]{8}$", entry.Id);
        Assert.Equal(entry.Id, (entry with { Type = "PRESIDENTIAL", Source = "api" }).Id);
        Assert.NotEqual(entry.Id, (entry with { Type = "parliamentary" }).Id);
    }
}
