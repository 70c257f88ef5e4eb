using Grid.Grains.Elections;
using Grid.Grains.Watch;

namespace Grid.Grains.Tests.Elections;

/// <summary>Which notice an entry is due for at each instant around its window, at instants no live test can wait for (the close).</summary>
public sealed class WatchNoticeScheduleTests
{
    private static readonly ElectionOptions Windows = new();
    private static readonly WatchOptions Options = new();
    // Belarus, 9 August 2020: watched from 6 August 00:00 UTC until 17 August 00:00 UTC.
    private static readonly ElectionEntry Election = new("BY", new DateOnly(2020, 8, 9), "Election for President", "electionguide");
    private static readonly ElectionEntry Exam = new("IQ", new DateOnly(2020, 8, 9), "Ministerial exams", "api") { Kind = WatchKinds.Exam };

    [Theory]
    [InlineData("2020-07-29T23:59:59Z", false, null)]
    [InlineData("2020-07-30T00:00:00Z", false, WatchNotice.Upcoming)]
    [InlineData("2020-08-05T23:59:59Z", false, WatchNotice.Upcoming)]
    [InlineData("2020-08-06T00:00:00Z", false, WatchNotice.Opened)]
    [InlineData("2020-08-16T23:59:59Z", true, WatchNotice.Opened)]
    [InlineData("2020-08-17T00:00:00Z", true, WatchNotice.Closed)]
    [InlineData("2020-08-17T00:00:00Z", false, null)]
    [InlineData("2024-01-01T00:00:00Z", false, null)]
    public void AnElectionIsUpcomingAWeekAheadThenOpenedThenClosedForThoseToldOfItsOpening(string at, bool toldOfOpening, string? expected)
    {
        Assert.Equal(expected, WatchNoticeSchedule.Due(Election, Windows, Options, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), risk: null, toldOfOpening));
    }

    [Fact]
    public void UntilRisksExistUpcomingGoesOutForTheConfiguredKindsOnceTheyExistForHighRisk()
    {
        var weekAhead = new DateTimeOffset(2020, 8, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Null(WatchNoticeSchedule.Due(Exam, Windows, Options, weekAhead, risk: null, toldOfOpening: false));
        var high = new WatchRisk("high", 0.9, new Dictionary<string, double>(), []);
        var low = new WatchRisk("low", 0.1, new Dictionary<string, double>(), []);
        Assert.Equal(WatchNotice.Upcoming, WatchNoticeSchedule.Due(Exam, Windows, Options, weekAhead, high, toldOfOpening: false));
        Assert.Null(WatchNoticeSchedule.Due(Election, Windows, Options, weekAhead, low, toldOfOpening: false));
        // Opening and closing do not depend on risk.
        Assert.Equal(WatchNotice.Opened, WatchNoticeSchedule.Due(Exam, Windows, Options, new DateTimeOffset(2020, 8, 9, 12, 0, 0, TimeSpan.Zero), low, toldOfOpening: false));
    }
}
