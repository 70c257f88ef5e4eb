namespace Grid.Client.Model;

/// <summary>The signals a status carries, by their JSON names.</summary>
public static class SignalNames
{
    /// <summary>Visible IPv4 /24s.</summary>
    public const string Bgp = "bgp";

    /// <summary>Visible IPv6 /48s.</summary>
    public const string Bgp6 = "bgp6";

    /// <summary>/24 blocks that active probing believes up.</summary>
    public const string Probes = "probes";
}
