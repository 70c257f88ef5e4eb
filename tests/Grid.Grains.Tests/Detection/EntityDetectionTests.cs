using Microsoft.Extensions.Configuration;
using Grid.Grains.Detection;

namespace Grid.Grains.Tests.Detection;

/// <summary>The seeds' cases, shaped as IODA sees them, through the real detector on a historical clock.</summary>
public sealed class EntityDetectionTests
{
    private static readonly DateTimeOffset Egypt2011 = new(2011, 1, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void WithdrawingEightyEightPercentOfPrefixesForFourHoursIsOneCriticalEvent()
    {
        var scenario = new DetectionScenario(Egypt2011)
            .Hold(Day, ("bgp", 10_000))
            .Hold(TimeSpan.FromHours(4), ("bgp", 1_200))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000));

        var outage = Assert.Single(scenario.Events);
        Assert.Equal(DetectionLevel.Critical, outage.Level);
        Assert.Equal(Egypt2011 + Day, outage.Start);
        Assert.Equal(Egypt2011 + Day + TimeSpan.FromHours(4), outage.End);
        // 88% × 240 minutes; the baseline never learnt the outage (values below 0.8 × median stay out).
        Assert.Equal(88 * 240, outage.Score, precision: 6);
        Assert.Equal(0.88, outage.Fraction, precision: 6);
        Assert.Equal("bgp", outage.DataSource);
        Assert.Equal(DetectionLevel.Normal, scenario.State.Level);
        Assert.Equal(
            [(DetectionLevel.Unknown, DetectionLevel.Normal), (DetectionLevel.Normal, DetectionLevel.Critical), (DetectionLevel.Critical, DetectionLevel.Normal)],
            scenario.Changes.Select(c => (c.PreviousLevel, c.Level)));
        // Confirmed after the 5-minute minimum duration, back to normal after the 20-minute hysteresis.
        Assert.Equal(Egypt2011 + Day + TimeSpan.FromMinutes(5), scenario.Changes[1].At);
        Assert.Equal(Egypt2011 + Day + TimeSpan.FromHours(4) + TimeSpan.FromMinutes(20), scenario.Changes[2].At);
    }

    [Fact]
    public void OnePercentRoutingChurnStaysNormal()
    {
        var scenario = new DetectionScenario(Egypt2011).Hold(TimeSpan.FromHours(2), ("bgp", 10_000));
        for (var i = 0; i < 24; i++)
        {
            scenario.Hold(TimeSpan.FromMinutes(7), ("bgp", 9_900)).Hold(TimeSpan.FromMinutes(13), ("bgp", 10_000));
        }

        Assert.Empty(scenario.Events);
        Assert.Equal(DetectionLevel.Normal, scenario.State.Level);
        Assert.All(scenario.Changes, c => Assert.Equal(DetectionLevel.Normal, c.Level));
    }

    [Fact]
    public void AFlappingSignalRaisesOneEventNotTen()
    {
        var scenario = new DetectionScenario(Egypt2011).Hold(TimeSpan.FromHours(2), ("bgp", 10_000));
        for (var i = 0; i < 10; i++)
        {
            scenario.Hold(TimeSpan.FromMinutes(10), ("bgp", 2_000)).Hold(TimeSpan.FromMinutes(10), ("bgp", 10_000));
        }

        scenario.Hold(TimeSpan.FromHours(1), ("bgp", 10_000));

        var outage = Assert.Single(scenario.Events);
        Assert.False(outage.IsOpen);
        Assert.Equal(DetectionLevel.Critical, outage.Level);
        // Ten 10-minute drops of 80%, nothing while up: 10 × 80 × 10.
        Assert.Equal(8_000, outage.Score, precision: 6);
        Assert.Equal(TimeSpan.FromMinutes(190), outage.Duration);
        Assert.Equal(2, scenario.Changes.Count(c => c.PreviousLevel != DetectionLevel.Unknown));
    }

    [Fact]
    public void ProbesDropWhileRoutesStayUpIsCriticalOnProbes()
    {
        var scenario = new DetectionScenario(Egypt2011)
            .Hold(TimeSpan.FromDays(2), ("bgp", 10_000), ("probes", 4_000))
            .Hold(TimeSpan.FromHours(3), ("bgp", 10_000), ("probes", 800))
            .Hold(TimeSpan.FromHours(1), ("bgp", 10_000), ("probes", 4_000));

        var outage = Assert.Single(scenario.Events);
        Assert.Equal(DetectionLevel.Critical, outage.Level);
        Assert.Equal("probes", outage.DataSource);
        Assert.Equal(["probes"], outage.SignalScores.Keys);
        Assert.Equal(80 * 180, outage.Score, precision: 6);
        var critical = scenario.Changes.Single(c => c.Level == DetectionLevel.Critical);
        Assert.Equal(DetectionLevel.Normal, critical.Signals.Single(s => s.Signal == "bgp").Level);
        Assert.Equal(DetectionLevel.Critical, critical.Signals.Single(s => s.Signal == "probes").Level);
        Assert.Equal(0.2, critical.Signals.Single(s => s.Signal == "probes").Ratio!.Value, precision: 6);
        // Probing confirms after one 10-minute bin.
        Assert.Equal(Egypt2011 + TimeSpan.FromDays(2) + TimeSpan.FromMinutes(10), critical.At);
    }

    [Fact]
    public void NoCallIsMadeWhileTheBaselineIsBelowTwenty()
    {
        var scenario = new DetectionScenario(Egypt2011)
            .Hold(Day, ("bgp", 19))
            .Hold(TimeSpan.FromHours(2), ("bgp", 1));

        Assert.Empty(scenario.Events);
        Assert.Equal(DetectionLevel.Unknown, scenario.State.Level);
    }

    [Fact]
    public void AnOutageLongerThanTheWindowBecomesTheNewBaseline()
    {
        var scenario = new DetectionScenario(Egypt2011)
            .Hold(Day, ("bgp", 10_000))
            .Hold(TimeSpan.FromDays(2), ("bgp", 3_000));

        // After one window outside [0.8, 2] × median, the low values enter the history and the median follows.
        Assert.Equal(DetectionLevel.Normal, scenario.State.Level);
        Assert.Equal(3_000, scenario.State.Signals["bgp"].Last!.Baseline);
    }

    [Fact]
    public void AnElectionWindowLowersTheBarForAWarning()
    {
        var election = new DetectionScenario(Egypt2011, electionWatch: _ => true)
            .Hold(TimeSpan.FromHours(2), ("probes", 4_000))
            .Hold(TimeSpan.FromHours(1), ("probes", 3_400));
        var ordinary = new DetectionScenario(Egypt2011)
            .Hold(TimeSpan.FromHours(2), ("probes", 4_000))
            .Hold(TimeSpan.FromHours(1), ("probes", 3_400));

        // 0.85 of the baseline: above IODA's 0.8, below the election bar of 0.9.
        Assert.Equal(DetectionLevel.Warning, election.State.Level);
        Assert.True(election.State.Open!.Election);
        Assert.Equal(DetectionLevel.Normal, ordinary.State.Level);
    }

    [Fact]
    public void ThresholdsBindFromConfigurationOverTheDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Grid:Detection:Signals:bgp:MinDuration"] = "00:00:30",
                ["Grid:Detection:Signals:rtt:Warning"] = "0.7",
            })
            .Build();
        var options = new DetectionOptions();
        ConfigurationBinder.Bind(configuration.GetSection(DetectionOptions.Section), options);

        Assert.Equal(TimeSpan.FromSeconds(30), options.For("bgp").MinDuration);
        Assert.Equal(0.99, options.For("bgp").Warning);
        Assert.Equal(TimeSpan.FromDays(7), options.For("probes").History);
        Assert.Equal(0.7, options.For("rtt").Warning);
    }
}
