using Grid.Grains.Signals;

namespace Grid.Grains.Tests;

public sealed class SignalSeriesTests
{
    private static readonly DateTimeOffset Start = new(2011, 1, 27, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ALatePointIsTheValueOfItsStepAndTheStepsAfterItKeepTheirs()
    {
        var series = new SignalSeries(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        series.Record(Start, 10);
        series.Record(Start.AddMinutes(4), 10);
        series.Record(Start.AddMinutes(10), 20);

        series.Insert(Start.AddMinutes(5), 15);
        Assert.Equal([(Start, 10L), (Start.AddMinutes(5), 15L), (Start.AddMinutes(6), 10L), (Start.AddMinutes(10), 20L)], series.Points.Select(p => (p.At, p.Value)));

        // The step before the newer point: nothing to put back, the newer point follows it.
        series.Insert(Start.AddMinutes(9), 20);
        Assert.Equal([(Start, 10L), (Start.AddMinutes(5), 15L), (Start.AddMinutes(6), 10L), (Start.AddMinutes(9), 20L)], series.Points.Select(p => (p.At, p.Value)));

        // The same value as its neighbours: no change point at all.
        series.Insert(Start.AddMinutes(2), 10);
        Assert.Equal(4, series.Points.Count);
        Assert.Equal(15, series.ValueAt(Start.AddMinutes(5)));
        Assert.Equal(10, series.ValueAt(Start.AddMinutes(7)));

        // Older than the retention: dropped.
        series.Insert(Start.AddDays(-8), 1);
        Assert.Equal(4, series.Points.Count);
    }

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
