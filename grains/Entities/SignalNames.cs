namespace Grid.Grains.Entities;

/// <summary>Names of signals, as the API and dashboards show them.</summary>
public static class SignalNames
{
    /// <summary>Visible IPv4 /24s.</summary>
    public const string Bgp = "bgp";

    /// <summary>Visible IPv6 /48s.</summary>
    public const string Bgp6 = "bgp6";

    /// <summary>/24 blocks that active probing believes up (Trinocular belief ≥ 0.9).</summary>
    public const string Probes = "probes";

    /// <summary>The median RTT of the entity's answering blocks, in microseconds (history only; status shows milliseconds).</summary>
    public const string ProbesRtt = "probesRttMicroseconds";

    /// <summary>The share of probes without an answer, in parts per million (history only; status shows a fraction).</summary>
    public const string ProbesLoss = "probesLossPpm";
}
