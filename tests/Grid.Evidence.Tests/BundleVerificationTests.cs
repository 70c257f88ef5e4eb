using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;
using Grid.Evidence.Verification;

namespace Grid.Evidence.Tests;

public sealed class BundleVerificationTests : IDisposable
{
    private readonly SealedEvidence _evidence = new();

    [Fact]
    public void EverySealedBundleVerifiesWithTheServersKeyAndTheLog()
    {
        var pinned = EvidencePublicKey.FromPem(_evidence.Key.PublicKey.Pem);
        foreach (var bundle in _evidence.Bundles)
        {
            var report = EvidenceVerifier.Verify(bundle, pinned, _evidence.LogLines);
            Assert.True(report.Verified, string.Join("\n", report.Failures));
            Assert.Contains(report.Checked, line => line.Contains("3 parts match", StringComparison.Ordinal));
            Assert.Contains(report.Checked, line => line.Contains("entries are signed and chained", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ABundleSurvivesItsTarGzRoundTrip()
    {
        var bundle = _evidence.Bundles[1];
        var copy = EvidenceBundle.ReadTarGz(new MemoryStream(bundle.ToTarGz()));
        Assert.Equal(bundle.Files.Keys.Order(), copy.Files.Keys.Order());
        Assert.True(EvidenceVerifier.Verify(copy, logLines: _evidence.LogLines).Verified);
    }

    /// <summary>
    /// Every byte position of every file would take too long; 40 seeded random positions per file,
    /// each changed to a different value, and the failure must name that file.
    /// </summary>
    [Fact]
    public void OneByteChangedInAnyFileOfTheBundleFailsNamingThatFile()
    {
        var bundle = _evidence.Bundles[0];
        var pinned = _evidence.Key.PublicKey;
        var random = new Random(20261205);
        foreach (var (name, content) in bundle.Files)
        {
            for (var trial = 0; trial < 40; trial++)
            {
                var changed = bundle.Files.ToDictionary(file => file.Key, file => file.Value.ToArray());
                var position = random.Next(content.Length);
                changed[name][position] ^= (byte)random.Next(1, 256);
                var report = EvidenceVerifier.Verify(new EvidenceBundle(changed), pinned, _evidence.LogLines);
                Assert.False(report.Verified, $"{name}[{position}] changed from {content[position]} to {changed[name][position]}, and the bundle still verified: {System.Text.Encoding.UTF8.GetString(content)}");
                Assert.Contains(report.Failures, failure => failure.Where == name);
            }
        }
    }

    [Fact]
    public void AFileAddedAfterSealingOrRemovedFails()
    {
        var bundle = _evidence.Bundles[2];
        var added = bundle.Files.ToDictionary();
        added["bgp/extra.mrt"] = [1, 2, 3];
        Assert.Contains(EvidenceVerifier.Verify(new EvidenceBundle(added)).Failures, failure => failure.Where == "bgp/extra.mrt");

        var removed = bundle.Files.Where(file => file.Key != "signals/bgp.csv").ToDictionary();
        Assert.Contains(EvidenceVerifier.Verify(new EvidenceBundle(removed)).Failures, failure => failure.Where == "signals/bgp.csv");
    }

    [Fact]
    public void ABundleSignedByAnotherKeyFailsAgainstThePinnedKey()
    {
        using var other = EvidenceKey.Generate();
        var report = EvidenceVerifier.Verify(_evidence.Bundles[0], other.PublicKey);
        Assert.Contains(report.Failures, failure => failure.Where == EvidenceBundle.SignatureFile);
        Assert.Contains(report.Failures, failure => failure.Where == EvidenceBundle.KeyFile);
    }

    [Fact]
    public void ATarThatClimbsOutOfTheBundleIsRefused()
    {
        var files = _evidence.Bundles[0].Files.ToDictionary();
        files["../../etc/cron.d/x"] = [0x41];
        var tar = new EvidenceBundle(files).ToTarGz();
        var error = Assert.Throws<InvalidDataException>(() => EvidenceBundle.ReadTarGz(new MemoryStream(tar)));
        Assert.Contains("not a relative path", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _evidence.Dispose();
}
