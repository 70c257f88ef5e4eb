using Grid.Grains.Entities;

namespace Grid.Grains.Detection;

/// <summary>
/// How a disruption looks from Grid's two independent signals, told at each step from what every
/// signal's detector called (the readings), with <see cref="MechanismRules"/>:
/// <list type="bullet">
/// <item><c>routes-withdrawn</c>: BGP (bgp or bgp6) falls; the probes may fall with it, no further than
/// <see cref="MechanismRules.MixedMargin"/> below it (Egypt 2011, Myanmar 2021).</item>
/// <item><c>hosts-silent</c>: the probes fall while BGP holds, at or above <see cref="MechanismRules.BgpHolds"/>
/// of its baseline: the routes stay and the hosts stop answering (Kazakhstan 2022).</item>
/// <item><c>throttled</c>: the probes' RTT or loss rises while the probes and BGP hold (Iran 2019).</item>
/// <item><c>mixed</c>: routes fell and hosts fell further still.</item>
/// <item><c>unknown</c>: anything else, such as the probes falling where no BGP baseline exists, or
/// only signals Grid does not measure itself.</item>
/// </list>
/// </summary>
public static class EventMechanism
{
    public const string RoutesWithdrawn = "routes-withdrawn";
    public const string HostsSilent = "hosts-silent";
    public const string Throttled = "throttled";
    public const string Mixed = "mixed";
    public const string Unknown = "unknown";

    public static string Classify(IEnumerable<SignalReading> readings, MechanismRules rules)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(rules);
        SignalReading? bgp = null;
        SignalReading? probes = null;
        var bgp6Fell = false;
        var slowed = false;
        foreach (var reading in readings)
        {
            switch (reading.Signal)
            {
                case SignalNames.Bgp:
                    bgp = reading;
                    break;
                case SignalNames.Bgp6:
                    bgp6Fell = reading.Level.IsOutage();
                    break;
                case SignalNames.Probes:
                    probes = reading;
                    break;
                case SignalNames.ProbesRtt or SignalNames.ProbesLoss:
                    slowed |= reading.Level.IsOutage();
                    break;
            }
        }

        var bgpFell = bgp6Fell || bgp?.Level.IsOutage() == true;
        var probesFell = probes?.Level.IsOutage() == true;
        if (bgpFell)
        {
            // The probes' drop beyond BGP's: hosts silenced on top of the routes withdrawn.
            var beyond = ((probes?.DropPercent ?? 0) - (bgp?.DropPercent ?? 0)) / 100;
            return probesFell && beyond > rules.MixedMargin ? Mixed : RoutesWithdrawn;
        }

        var bgpHolds = bgp is { Ratio: { } ratio } && ratio >= rules.BgpHolds;
        if (probesFell)
        {
            return bgpHolds ? HostsSilent : Unknown;
        }

        return slowed && probes is { Level: not DetectionLevel.Unknown } && (bgp is null || bgpHolds) ? Throttled : Unknown;
    }
}
