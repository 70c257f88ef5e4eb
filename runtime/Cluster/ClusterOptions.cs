using System.Globalization;

namespace Grid.Runtime.Cluster;

/// <summary>
/// Cluster settings, bound from <c>Grid:Cluster</c>. Cluster mode is on iff <see cref="Postgres"/>
/// is set: membership, the grain directory, leases and grain state then live in that database.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Grid:Cluster";

    /// <summary>Npgsql connection string of the cluster's database. Never logged.</summary>
    public string? Postgres { get; set; }

    /// <summary>This silo's name in the membership table; unique per process start.</summary>
    public string SiloId { get; set; } = DefaultSiloId();

    /// <summary>Where this silo serves calls from other silos (HTTP/2 cleartext, prior knowledge).</summary>
    public string Listen { get; set; } = "http://0.0.0.0:5090";

    /// <summary>The URL other silos dial; by default <see cref="Listen"/> with a wildcard host replaced by POD_IP or the host name.</summary>
    public string? AdvertisedAddress { get; set; }

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo is declared dead once its last heartbeat is older than this many intervals (judged by the database clock).</summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>If set, every call between silos carries it in a header and a call without it is refused. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>How many orphaned grains a silo looks at per adoption round.</summary>
    public int AdoptionBatch { get; set; } = 2000;

    /// <summary>The most grains a silo hands over per second when a silo joins, so a join does not stall the cluster.</summary>
    public int HandOversPerSecond { get; set; } = 500;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Postgres);

    public TimeSpan DeadAfter => HeartbeatInterval * MissedHeartbeats;

    /// <summary>The address other silos dial, as an absolute URL.</summary>
    public Uri ResolveAdvertisedAddress()
    {
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            return new Uri(AdvertisedAddress);
        }

        var listen = new Uri(Listen);
        if (listen.Host is not ("0.0.0.0" or "[::]" or "::" or "*" or "+"))
        {
            return listen;
        }

        var host = Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } podIp ? podIp : Environment.MachineName;
        return new UriBuilder(listen) { Host = host }.Uri;
    }

    private static string DefaultSiloId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}").ToLowerInvariant();
}
