using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grid.Testing.Data;

namespace Grid.Testing.Silo;

/// <summary>
/// A throw-away cluster CA and one silo certificate it signs (ECDSA P-256, server and client
/// authentication), written as PEM files the way a Kubernetes TLS Secret holds them
/// (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>), with the settings that point a silo at them.
/// </summary>
public sealed class ClusterTlsFiles : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private readonly TemporaryDirectory _directory;

    private ClusterTlsFiles(TemporaryDirectory directory)
    {
        _directory = directory;
    }

    public string CertificatePath => _directory.PathOf("tls.crt");

    public string KeyPath => _directory.PathOf("tls.key");

    public string CaPath => _directory.PathOf("ca.crt");

    /// <summary>The silo settings (environment variables) that use these files.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["Grid__Cluster__Tls__Certificate"] = CertificatePath,
        ["Grid__Cluster__Tls__Key"] = KeyPath,
        ["Grid__Cluster__Tls__CA"] = CaPath,
    };

    /// <summary>A new CA named <paramref name="name"/> and a silo certificate it signs, valid for a day.</summary>
    public static ClusterTlsFiles Create(string name = "Grid test cluster")
    {
        var directory = new TemporaryDirectory("grid-tls-");
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var siloKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} silo", siloKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var silo = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var files = new ClusterTlsFiles(directory);
        File.WriteAllText(files.CertificatePath, silo.ExportCertificatePem());
        File.WriteAllText(files.KeyPath, siloKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(files.CaPath, ca.ExportCertificatePem());
        return files;
    }

    /// <summary>The silo certificate with its key, usable by SslStream on Linux (through a PKCS#12 round trip).</summary>
    public X509Certificate2 LoadCertificate()
    {
        using var pem = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    public void Dispose() => _directory.Dispose();
}
