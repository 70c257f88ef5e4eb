using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Tests.Detection;

/// <summary>
/// How a disruption looks, told from the readings of the real detector with its default thresholds:
/// the shapes of Egypt 2011 (routes withdrawn), Kazakhstan 2022 (hosts silent while routes stay) and
/// throttling (RTT up, blocks still answering).
/// </summary>
public sealed class EventMechanismTests
{
    private static readonly DateTimeOffset Start = new(2022, 1, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Baseline = TimeSpan.FromDays(2);
    private const string Rtt = SignalNames.ProbesRtt;
    private const string Loss = SignalNames.ProbesLoss;

    [Fact]
    public void RoutesWithdrawnWithTheirHostsIsRoutesWithdrawn()
    {
        var scenario = Normal()
            .Hold(TimeSpan.FromHours(3), ("bgp", 1_000), ("probes", 350), (Rtt, 80_000), (Loss, 900_000))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));

        var outage = Assert.Single(scenario.Events);
        Assert.Equal(EventMechanism.RoutesWithdrawn, outage.Mechanism);
        Assert.False(outage.IsOpen);
        Assert.All(scenario.Changes.Where(c => c.EventId is not null), c => Assert.Equal(EventMechanism.RoutesWithdrawn, c.Mechanism));
        Assert.Equal(EventMechanism.RoutesWithdrawn, CodfEvent.From(outage).Mechanism);
        // Loss at 90% is the outage seen again, not throttling: it neither scores nor names the datasource.
        Assert.Equal("bgp", outage.DataSource);
        Assert.DoesNotContain(Loss, outage.SignalScores.Keys);
    }

    [Fact]
    public void HostsThatStopAnsweringWhileRoutesStayAreHostsSilent()
    {
        var scenario = Normal()
            .Hold(TimeSpan.FromHours(3), ("bgp", 10_000), ("probes", 300), (Rtt, 80_000), (Loss, 950_000))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));

        var outage = Assert.Single(scenario.Events);
        Assert.Equal(DetectionLevel.Critical, outage.Level);
        Assert.Equal(EventMechanism.HostsSilent, outage.Mechanism);
    }

    [Fact]
    public void DelayWhileEveryBlockStillAnswersIsThrottledAndLosesNoShareOfTheEntity()
    {
        var scenario = Normal()
            .Hold(TimeSpan.FromHours(3), ("bgp", 10_000), ("probes", 3_950), (Rtt, 400_000), (Loss, 30_000))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));

        var outage = Assert.Single(scenario.Events);
        Assert.Equal(EventMechanism.Throttled, outage.Mechanism);
        // Five times the RTT is a warning, never critical by itself, and no share of the country lost.
        Assert.Equal(DetectionLevel.Warning, outage.Level);
        Assert.Equal(0, outage.Fraction);
        Assert.Equal(Rtt, outage.DataSource);
    }

    [Fact]
    public void LossThatRisesPastThirtyPercentWhileBlocksStayUpIsThrottled()
    {
        var scenario = Normal()
            .Hold(TimeSpan.FromHours(3), ("bgp", 10_000), ("probes", 3_900), (Rtt, 85_000), (Loss, 450_000))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));

        Assert.Equal(EventMechanism.Throttled, Assert.Single(scenario.Events).Mechanism);
    }

    [Fact]
    public void AFewMillisecondsMoreOnAFastNetworkIsNotThrottling()
    {
        // 0.3 ms to 3 ms is ten times, but under the 20 ms floor: noise on a LAN-like path, not a policy.
        var scenario = new DetectionScenario(Start)
            .Hold(Baseline, ("bgp", 10_000), ("probes", 4_000), (Rtt, 300), (Loss, 0))
            .Hold(TimeSpan.FromHours(3), ("bgp", 10_000), ("probes", 4_000), (Rtt, 3_000), (Loss, 50_000));

        Assert.Empty(scenario.Events);
    }

    [Fact]
    public void RoutesWithdrawnAndFarMoreHostsSilencedIsMixed()
    {
        var scenario = Normal()
            .Hold(TimeSpan.FromHours(3), ("bgp", 7_000), ("probes", 200), (Rtt, 80_000), (Loss, 950_000))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));

        Assert.Equal(EventMechanism.Mixed, Assert.Single(scenario.Events).Mechanism);
    }

    [Fact]
    public void ThrottlingThatBecomesAShutdownIsToldByItsDeepestStepAndTheRecoveryTailDoesNotRelabelIt()
    {
        var scenario = Normal()
            .Hold(TimeSpan.FromHours(1), ("bgp", 10_000), ("probes", 4_000), (Rtt, 300_000), (Loss, 30_000))
            .Hold(TimeSpan.FromHours(3), ("bgp", 500), ("probes", 100), (Rtt, 300_000), (Loss, 990_000))
            // Routes back first, hosts an hour later: for that hour the probes fall while BGP holds.
            .Hold(TimeSpan.FromHours(1), ("bgp", 10_000), ("probes", 100), (Rtt, 80_000), (Loss, 990_000))
            .Hold(TimeSpan.FromHours(2), ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));

        var outage = Assert.Single(scenario.Events);
        Assert.Equal(EventMechanism.RoutesWithdrawn, outage.Mechanism);
        var told = scenario.Changes.Where(c => c.EventId is not null).Select(c => c.Mechanism).ToList();
        Assert.Equal(EventMechanism.Throttled, told[0]);
        Assert.Equal(EventMechanism.RoutesWithdrawn, told[^1]);
    }

    [Fact]
    public void ProbesFallingWithNoBgpToCompareIsUnknown()
    {
        var scenario = new DetectionScenario(Start)
            .Hold(Baseline, ("probes", 4_000))
            .Hold(TimeSpan.FromHours(3), ("probes", 100));

        Assert.Equal(EventMechanism.Unknown, Assert.Single(scenario.Events).Mechanism);
    }

    /// <summary>Two days of a healthy country: 10,000 /24s routed, 4,000 answering at 80 ms with 2% loss.</summary>
    private static DetectionScenario Normal() =>
        new DetectionScenario(Start).Hold(Baseline, ("bgp", 10_000), ("probes", 4_000), (Rtt, 80_000), (Loss, 20_000));
}
