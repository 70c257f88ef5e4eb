using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// What a silo proves itself with (its certificate and key) and what it admits (certificates that
/// chain to one of the configured CAs), read from the PEM files of <see cref="ClusterTlsOptions"/>.
/// </summary>
public sealed class ClusterCredentials
{
    private ClusterCredentials(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads the three files; a problem is an <see cref="InvalidOperationException"/> that names the setting and the file, never key material.</summary>
    public static ClusterCredentials Load(ClusterTlsOptions options, DateTimeOffset now)
    {
        var missing = new[] { ("Certificate", options.Certificate), ("Key", options.Key), ("CA", options.CA) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => $"{ClusterTlsOptions.Section}:{s.Item1}").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Cluster TLS needs a certificate, its key and the CA that signs the silos' certificates: set {string.Join(" and ", missing)} (PEM files; README: Run a cluster).");
        }

        foreach (var (setting, path) in new[] { ("Certificate", options.Certificate!), ("Key", options.Key!), ("CA", options.CA!) })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{ClusterTlsOptions.Section}:{setting} names {path}, which does not exist: make the files as the README shows (Run a cluster) or mount the cluster's TLS Secret there.");
            }
        }

        X509Certificate2 certificate;
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.Certificate!, options.Key);
            // On Linux SslStream cannot use a key that is only in memory from PEM: a PKCS#12 round
            // trip gives the certificate a key it can use for the handshake.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:Certificate ({options.Certificate}) and :Key ({options.Key}) could not be read as a PEM certificate and its unencrypted private key ({ex.Message}).", ex);
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(options.CA!);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:CA ({options.CA}) could not be read as PEM certificates ({ex.Message}).", ex);
        }

        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:CA ({options.CA}) holds no PEM certificate.");
        }

        if (certificate.NotAfter < now || certificate.NotBefore > now)
        {
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:Certificate ({options.Certificate}) is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}, not now: issue a new one.");
        }

        var credentials = new ClusterCredentials(certificate, authorities);
        if (!credentials.Admits(certificate))
        {
            // Every peer would refuse this silo: say so now rather than through failed handshakes.
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:Certificate ({options.Certificate}) does not chain to {ClusterTlsOptions.Section}:CA ({options.CA}), so the other silos would refuse it: sign it with that CA, or name its own CA.");
        }

        return credentials;
    }

    /// <summary>
    /// True when <paramref name="remote"/> chains to one of the configured CAs and is valid now.
    /// Host names are not checked: silos dial each other by pod address, which no certificate names;
    /// the CA is the cluster's own, so holding one of its certificates is what makes a peer a silo.
    /// </summary>
    public bool Admits(X509Certificate2 remote)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        // A private cluster CA publishes no revocation lists: rotate by replacing the CA file.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }
}
