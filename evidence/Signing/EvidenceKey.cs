using System.Security.Cryptography;

namespace Grid.Evidence.Signing;

/// <summary>
/// The silo's signing key: ECDSA on P-256 with SHA-256 (FIPS 186-5), kept as a PKCS#8 PEM file.
/// Signatures are DER-encoded (RFC 3279 §2.2.3), the form <c>openssl dgst -verify</c> reads, so a
/// manifest's signature can be checked with openssl alone.
/// </summary>
public sealed class EvidenceKey : IDisposable
{
    private readonly ECDsa _key;

    private EvidenceKey(ECDsa key)
    {
        _key = key;
        PublicKey = EvidencePublicKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>What verifiers pin: the public half, as PEM and by its key id.</summary>
    public EvidencePublicKey PublicKey { get; }

    public static EvidenceKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// Reads the key at <paramref name="path"/>, or generates one and writes it there (mode 0600,
    /// written to a temporary file and renamed, so a crash never leaves half a key) when there is
    /// none. A key that exists but cannot be read is an error, never silently replaced: records
    /// signed by the old key would stop verifying against the served one.
    /// </summary>
    public static EvidenceKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Load(path);
        }
        var key = Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temporary, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key._key.ExportPkcs8PrivateKeyPem());
        }
        File.Move(temporary, path, overwrite: false);
        return key;
    }

    public static EvidenceKey Load(string path)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or PlatformNotSupportedException)
        {
            ecdsa.Dispose();
            throw new InvalidDataException($"The evidence key {path} is not an ECDSA private key in PEM ({e.Message}). Restore the original file, or point Grid:Evidence:KeyPath at another; never delete it while its signatures must verify.", e);
        }
        if (ecdsa.KeySize != 256)
        {
            ecdsa.Dispose();
            throw new InvalidDataException($"The evidence key {path} is on a {ecdsa.KeySize}-bit curve; Grid signs with P-256.");
        }
        return new EvidenceKey(ecdsa);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
