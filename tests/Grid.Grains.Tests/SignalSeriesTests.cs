using Grid.Grains.Signals;

namespace Grid.Grains.Tests;

public sealed class SignalSeriesTests
{
    private static readonly DateTimeOffset Start = new(2011, 1, 27, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void KeepsOnePointPerStepAndNoneWhileTheValueHolds()
    {
        var series = new SignalSeries(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        series.Record(Start, 2903);
        series.Record(Start.AddSeconds(10), 2900);
        series.Record(Start.AddMinutes(5), 2900);
        series.Record(Start.AddMinutes(30), 327);

        Assert.Equal([new SignalPoint(Start, 2900), new SignalPoint(Start.AddMinutes(30), 327)], series.Points);
        Assert.Equal(2900, series.ValueAt(Start.AddMinutes(29)));
        Assert.Null(series.ValueAt(Start.AddSeconds(-1)));
    }

    [Fact]
    public void ResamplesToTheValueInForceAtTheEndOfEachInterval()
    {
        var series = new SignalSeries(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        series.Record(Start, 100);
        series.Record(Start.AddMinutes(7), 50);

        var points = series.Resample(Start, Start.AddMinutes(10), TimeSpan.FromMinutes(5)).ToList();

        Assert.Equal([new SignalPoint(Start, 100), new SignalPoint(Start.AddMinutes(5), 50), new SignalPoint(Start.AddMinutes(10), 50)], points);
    }

    [Fact]
    public void DropsPointsOlderThanTheRetentionButKeepsTheValueInForce()
    {
        var series = new SignalSeries(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        for (var minute = 0; minute < 180; minute++)
        {
            series.Record(Start.AddMinutes(minute), minute);
        }

        Assert.True(series.Points.Count <= 62);
        Assert.Equal(179, series.Latest!.Value.Value);
        Assert.Equal(119, series.ValueAt(Start.AddMinutes(119)));
    }
}
