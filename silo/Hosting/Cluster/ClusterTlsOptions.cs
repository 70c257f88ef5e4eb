namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// <c>Grid:Cluster:Tls</c>: the files a silo proves itself with and checks its peers against, in
/// PEM, as a Kubernetes TLS Secret holds them (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>).
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = GridClusterOptions.Section + ":Tls";

    /// <summary>This silo's certificate (PEM). Its extended key usage, if any, must allow both server and client authentication.</summary>
    public string? Certificate { get; set; }

    /// <summary>The certificate's private key (PEM, PKCS#8 or SEC1/PKCS#1, unencrypted).</summary>
    public string? Key { get; set; }

    /// <summary>
    /// One or more CA certificates (PEM): a peer is admitted only if its certificate chains to one of
    /// them. For a single self-signed certificate shared by every silo, name that certificate here.
    /// </summary>
    public string? CA { get; set; }

    /// <summary>True when any of the three is set, so a partial setting is reported rather than ignored.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Certificate) || !string.IsNullOrWhiteSpace(Key) || !string.IsNullOrWhiteSpace(CA);
}
