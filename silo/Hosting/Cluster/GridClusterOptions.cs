using System.Net;

namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// <c>Grid:Cluster</c>: how this silo takes part in an Orleans cluster. Without
/// <see cref="Postgres"/> the silo is a cluster of one on localhost (memory storage and streams).
/// </summary>
public sealed class GridClusterOptions
{
    public const string Section = "Grid:Cluster";

    /// <summary>Npgsql connection string: membership, grain state, reminders and streams live there (Orleans ADO.NET providers). Never logged.</summary>
    public string? Postgres { get; set; }

    /// <summary>Silos with the same id form one cluster; in Kubernetes the pod label <c>orleans/clusterId</c> wins.</summary>
    public string ClusterId { get; set; } = "grid";

    /// <summary>Grain state and reminders are keyed by service id: keep it across deployments.</summary>
    public string ServiceId { get; set; } = "grid";

    /// <summary>This silo's name in Orleans' membership and in logs: the pod's name in Kubernetes.</summary>
    public string SiloName { get; set; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod
        ? pod
        : $"{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();

    /// <summary>Silo-to-silo port (Orleans' default).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (Orleans' default).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos dial, and the only one the silo listens on. Default: <c>POD_IP</c>
    /// when set (Kubernetes), else 127.0.0.1 for a cluster of one, else this host's first IPv4 address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How often silos probe each other; a silo that misses <see cref="MissedProbes"/> probes is voted dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MissedProbes { get; set; } = 2;

    /// <summary>
    /// How long, beyond failure detection, the grain directory keeps a dead silo's grains from
    /// activating elsewhere: the time a silo voted dead but still running (cut off, not crashed) has
    /// to learn its verdict and stop. Orleans' default gives 30 s in all; Grid's 2 s beyond the
    /// probes brings a kill -9's grains back within the 10 s failover goal.
    /// </summary>
    public TimeSpan DeadSiloLease { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Orleans' activation rebalancer: move active grains so that silos carry similar loads (a new silo gets a share).</summary>
    public bool Rebalance { get; set; } = true;

    /// <summary>Time between two rebalancing cycles (Orleans: more than twice its load-publishing period, 1 s).</summary>
    public TimeSpan RebalanceCycle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most connections this silo's Orleans providers open to PostgreSQL, unless the connection string says.</summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>Mutual TLS between silos and on the gateway (<see cref="ClusterTransport"/>); required in cluster mode.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Run the cluster without TLS. Honoured only when every address the silo advertises and listens
    /// on is loopback (the README's one-machine recipe); anywhere else the silo refuses to start.
    /// </summary>
    public bool AllowPlaintext { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Postgres);

    public IPAddress? ResolveAdvertisedAddress()
    {
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            return IPAddress.TryParse(AdvertisedAddress, out var address)
                ? address
                : throw new InvalidOperationException($"Grid:Cluster:AdvertisedAddress '{AdvertisedAddress}' is not an IP address: set the address other silos reach this one on, such as 10.0.0.12.");
        }

        return Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } pod && IPAddress.TryParse(pod, out var podIp) ? podIp : null;
    }
}
