using System.Text;
using Grid.Evidence.Bundles;
using Grid.Evidence.Log;
using Grid.Evidence.Signing;

namespace Grid.Cli.Tests;

/// <summary>`grid evidence verify`, run as a process on bundles sealed by Grid's own sealer and log.</summary>
public sealed class EvidenceVerifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("grid-verify-").FullName;

    [Fact]
    public async Task ASealedBundleVerifiesWithThePinnedKeyAndTheLog()
    {
        var (bundle, log, key) = await SealAsync();
        var result = await GridExecutable.RunAsync("evidence", "verify", bundle, "--log", log, "--key", key);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("verified", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("signer: the pinned key", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedPartFailsWithExitCode1NamingThePart()
    {
        var (bundle, log, key) = await SealAsync();
        var unpacked = Path.Combine(_folder, "unpacked");
        foreach (var (name, content) in EvidenceBundle.Read(bundle).Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(unpacked, name))!);
            await File.WriteAllBytesAsync(Path.Combine(unpacked, name), content);
        }
        var csv = Path.Combine(unpacked, "signals", "bgp.csv");
        await File.WriteAllTextAsync(csv, (await File.ReadAllTextAsync(csv)).Replace(",12,", ",13,", StringComparison.Ordinal));

        var result = await GridExecutable.RunAsync("evidence", "verify", unpacked, "--log", log, "--key", key);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  signals/bgp.csv: changed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("NOT verified", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingOrDamagedFileIsExitCode2AndNamesIt()
    {
        var missing = await GridExecutable.RunAsync("evidence", "verify", Path.Combine(_folder, "none.tar.gz"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.tar.gz", missing.StandardError, StringComparison.Ordinal);

        var damaged = Path.Combine(_folder, "damaged.tar.gz");
        await File.WriteAllBytesAsync(damaged, [0x1f, 0x8b, 8, 0, 1, 2, 3]);
        var result = await GridExecutable.RunAsync("evidence", "verify", damaged);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("damaged.tar.gz", result.StandardError, StringComparison.Ordinal);
    }

    private async Task<(string Bundle, string Log, string Key)> SealAsync()
    {
        using var key = EvidenceKey.LoadOrCreate(Path.Combine(_folder, "evidence.key"));
        var log = new FolderTransparencyLog(Path.Combine(_folder, "log"), key, TimeProvider.System);
        var sealer = new EvidenceSealer(key, log);
        await sealer.SealAsync("BY-0", "country/BY", "warning", DateTimeOffset.UtcNow, "0.1.0", [new("signals/bgp.csv", Encoding.UTF8.GetBytes("time,value\n1,6994\n"))], CancellationToken.None);
        var (bundle, _) = await sealer.SealAsync("BY-1", "country/BY", "critical", DateTimeOffset.UtcNow, "0.1.0",
            [new("signals/bgp.csv", Encoding.UTF8.GetBytes("time,value\n1,6994\n2,12,\n")), new("bgp/updates.mrt", [0, 1, 2])], CancellationToken.None);
        var path = Path.Combine(_folder, "BY-1.tar.gz");
        await File.WriteAllBytesAsync(path, bundle.ToTarGz());
        var pem = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(pem, key.PublicKey.Pem);
        return (path, log.Path, pem);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
