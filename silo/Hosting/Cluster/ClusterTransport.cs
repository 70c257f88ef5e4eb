using System.Net;
using Orleans.Connections.Security;

namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// How silos talk to each other and to cluster clients in cluster mode: mutual TLS
/// (Microsoft.Orleans.Connections.Security) on the silo and gateway ports, each side presenting a
/// certificate that chains to the cluster's CA. Without TLS settings a cluster silo refuses to
/// start, unless <c>Grid:Cluster:AllowPlaintext=true</c> and it advertises a loopback address.
/// </summary>
public static class ClusterTransport
{
    /// <summary>The exit code of a silo that refuses its cluster settings.</summary>
    public const int RefusalExitCode = 3;

    /// <summary>
    /// What this silo's cluster traffic will be: null credentials for local mode or loopback
    /// plaintext, the loaded credentials for TLS; false with the reason when it must not start.
    /// </summary>
    public static bool TryResolve(GridClusterOptions cluster, out ClusterCredentials? credentials, out string? refusal)
    {
        credentials = null;
        refusal = null;
        if (!cluster.IsEnabled)
        {
            return true;
        }

        if (cluster.Tls.IsConfigured)
        {
            try
            {
                credentials = ClusterCredentials.Load(cluster.Tls, DateTimeOffset.UtcNow);
                return true;
            }
            catch (InvalidOperationException ex)
            {
                refusal = ex.Message;
                return false;
            }
        }

        IPAddress? advertised;
        try
        {
            advertised = cluster.ResolveAdvertisedAddress();
        }
        catch (InvalidOperationException ex)
        {
            refusal = ex.Message;
            return false;
        }

        if (cluster.AllowPlaintext)
        {
            if (advertised is not null && IPAddress.IsLoopback(advertised))
            {
                return true;
            }

            refusal = $"Grid:Cluster:AllowPlaintext=true is honoured only on loopback, and this silo would advertise and listen on {(advertised is null ? "this host's first IPv4 address" : advertised.ToString())}: "
                + "configure mutual TLS (Grid:Cluster:Tls:Certificate, :Key and :CA; README: Run a cluster), or set Grid:Cluster:AdvertisedAddress=127.0.0.1 for silos on one machine.";
            return false;
        }

        refusal = "Cluster mode (Grid:Cluster:Postgres) needs mutual TLS between silos: set Grid:Cluster:Tls:Certificate, Grid:Cluster:Tls:Key and Grid:Cluster:Tls:CA "
            + "to PEM files (README: Run a cluster shows how to make them), or, for silos on one machine only, Grid:Cluster:AdvertisedAddress=127.0.0.1 with Grid:Cluster:AllowPlaintext=true.";
        return false;
    }

    /// <summary>TLS on the silo port (both directions) and the gateway, with a certificate required of every peer and client.</summary>
    public static void UseClusterTls(this ISiloBuilder silo, ClusterCredentials credentials) =>
        silo.UseTls(credentials.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // The platform's verdict (an unknown root, a name that is not the pod's address) is
            // replaced by the cluster's own: the certificate must chain to the configured CA.
            options.RemoteCertificateValidation = (certificate, _, _) => credentials.Admits(certificate);
        });
}
