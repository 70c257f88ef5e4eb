using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;
using Grid.Testing.Processes;

namespace Grid.Evidence.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SigningKeyTests : IDisposable
{
    private readonly SealedEvidence _evidence = new();

    [Fact]
    public void TheKeyIsKeptOnFirstStartAndReadBackOnTheNext()
    {
        var path = Path.Combine(_evidence.Folder, "evidence.key");
        using var again = EvidenceKey.LoadOrCreate(path);
        Assert.Equal(_evidence.Key.PublicKey.KeyId, again.PublicKey.KeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ADamagedKeyFileIsAnErrorThatSaysWhatToDoNeverANewKey()
    {
        var path = Path.Combine(_evidence.Folder, "damaged.key");
        File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var error = Assert.Throws<InvalidDataException>(() => EvidenceKey.LoadOrCreate(path));
        Assert.Contains("Grid:Evidence:KeyPath", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The README's recipe: openssl alone, with the served PEM, verifies a manifest's signature.</summary>
    [Fact]
    public async Task OpensslAloneVerifiesTheManifestSignature()
    {
        var folder = Path.Combine(_evidence.Folder, "unpacked");
        Directory.CreateDirectory(folder);
        var bundle = _evidence.Bundles[0];
        foreach (var name in new[] { EvidenceManifest.FileName, EvidenceBundle.SignatureFile, EvidenceBundle.KeyFile })
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bundle[name]!);
        }
        var verified = await ExternalCommand.RunAsync("openssl", ["dgst", "-sha256", "-verify", "key.pem", "-signature", "manifest.sig", "manifest.json"], folder);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("Verified OK", verified.StandardOutput, StringComparison.Ordinal);

        var manifest = bundle[EvidenceManifest.FileName]!.ToArray();
        manifest[manifest.Length / 2] ^= 1;
        await File.WriteAllBytesAsync(Path.Combine(folder, "manifest.json"), manifest);
        var refused = await ExternalCommand.RunAsync("openssl", ["dgst", "-sha256", "-verify", "key.pem", "-signature", "manifest.sig", "manifest.json"], folder);
        Assert.NotEqual(0, refused.ExitCode);
    }

    [Fact]
    public async Task TheKeyIdIsTheSha256OfTheDerPublicKeyAsOpensslComputesIt()
    {
        var pem = Path.Combine(_evidence.Folder, "key.pem");
        await File.WriteAllTextAsync(pem, _evidence.Key.PublicKey.Pem);
        var der = Path.Combine(_evidence.Folder, "key.der");
        var converted = await ExternalCommand.RunAsync("openssl", ["pkey", "-pubin", "-in", pem, "-outform", "DER", "-out", der]);
        Assert.Equal(0, converted.ExitCode);
        Assert.Equal(_evidence.Key.PublicKey.KeyId, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(der))));
    }

    public void Dispose() => _evidence.Dispose();
}
