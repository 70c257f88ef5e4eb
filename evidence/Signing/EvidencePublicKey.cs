using System.Security.Cryptography;

namespace Grid.Evidence.Signing;

/// <summary>
/// The public half of an evidence key. Its id is the hex SHA-256 of its DER SubjectPublicKeyInfo
/// (RFC 5280 §4.1.2.7), so anyone can recompute it from the PEM with
/// <c>openssl pkey -pubin -outform DER | sha256sum</c>.
/// </summary>
public sealed class EvidencePublicKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private EvidencePublicKey(byte[] subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));
        Pem = PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo) + "\n";
    }

    public string KeyId { get; }

    public string Pem { get; }

    public static EvidencePublicKey FromSubjectPublicKeyInfo(byte[] der) => new(der);

    /// <summary>Reads a PEM "PUBLIC KEY"; an error that says what was expected otherwise.</summary>
    public static EvidencePublicKey FromPem(string pem)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or PlatformNotSupportedException)
        {
            throw new InvalidDataException($"Not an ECDSA public key in PEM ({e.Message}); expected the text served at /v1/evidence/key.", e);
        }
        return new(ecdsa.ExportSubjectPublicKeyInfo());
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        try
        {
            return ecdsa.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
