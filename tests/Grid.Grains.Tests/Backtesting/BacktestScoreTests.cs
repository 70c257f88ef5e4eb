using Grid.Grains.Backtesting;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Geography;

namespace Grid.Grains.Tests.Backtesting;

public sealed class BacktestScoreTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecallPrecisionLagAndDurationErrorPerEntityAndOverall()
    {
        var kz = EntityKey.Country(CountryCode.Parse("KZ"));
        var truth = new List<TruthInterval>
        {
            new(kz, T0, T0.AddHours(10), null),
            new(kz, T0.AddDays(1), T0.AddDays(1).AddHours(2), null),
            new(EntityKey.As(9198), T0, T0.AddHours(1), null),
        };
        var events = new List<OutageEvent>
        {
            Event(kz, T0.AddMinutes(20), T0.AddHours(9)),
            Event(kz, T0.AddDays(3), T0.AddDays(3).AddHours(1)),
            Event(EntityKey.As(9198), T0.AddMinutes(-10), T0.AddHours(1)),
            // An entity the truth does not name is not scored.
            Event(EntityKey.As(1), T0, T0.AddHours(1)),
        };

        var scores = BacktestScore.Compare(events, truth);

        Assert.Equal(["asn/9198", "country/KZ", "all"], scores.Select(s => s.Entity));
        var kzScore = scores[1];
        Assert.Equal((2, 1, 2, 1), (kzScore.Outages, kzScore.Detected, kzScore.Events, kzScore.TrueEvents));
        Assert.Equal(0.5, kzScore.Recall);
        Assert.Equal(TimeSpan.FromMinutes(20), kzScore.OnsetLagMedian);
        Assert.Equal(TimeSpan.FromMinutes(80), kzScore.DurationErrorMedian);
        var all = scores[2];
        Assert.Equal((3, 2, 3, 2), (all.Outages, all.Detected, all.Events, all.TrueEvents));
        Assert.Equal(TimeSpan.FromMinutes(-10), all.OnsetLagMedian);
        Assert.Equal(TimeSpan.FromMinutes(20), all.OnsetLagP90);
    }

    private static OutageEvent Event(EntityKey key, DateTimeOffset start, DateTimeOffset end) => new()
    {
        Id = $"{key.Code}-{start.ToUnixTimeSeconds()}",
        Entity = key.Code,
        Kind = key.Kind,
        Start = start,
        End = end,
        LastEvaluated = end,
        Level = DetectionLevel.Critical,
    };
}
