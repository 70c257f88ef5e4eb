using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Grid.Testing.Lab;

/// <summary>
/// What a benchmark's MRT files hold: a global-size transit table (1M IPv4 + 200k IPv6 by default,
/// like the lab's big set) whose IPv6 part is withdrawn and announced again, so the updates file
/// has ~1.4M UPDATE records and the RIB dump ~1.2M RIB records.
/// </summary>
public sealed record BenchmarkMrtSpec(int IPv4 = 1_000_000, int IPv6 = 200_000, int Seed = 1, RouteFamilies Withdraw = RouteFamilies.IPv6)
{
    /// <summary>Bumped when the generator or the lab changes what the files contain, so old caches are not reused.</summary>
    public const int Format = 1;

    public CountryPrefixSet CreateSet() => CountryPrefixSet.Transit(IPv4, IPv6, seed: Seed);

    /// <summary>The cache directory name: every parameter that changes the files.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"bird-transit-v4-{IPv4}-v6-{IPv6}-seed-{Seed}-withdraw-{Withdraw.ToString().Replace(", ", "+", StringComparison.Ordinal)}-format-{Format}");
}

/// <summary>A finished set of benchmark files in the cache.</summary>
public sealed record BenchmarkMrtFiles(string Directory, string RibDumpFile, string UpdatesFile, string ManifestFile);

/// <summary>
/// Writes benchmark MRT files with real BIRD once and keeps them under a cache directory keyed by
/// the spec (default /tmp/grid-bench-cache), so later benchmark runs reuse them. Generating the
/// default spec takes minutes and about 3 GB of memory (two BIRDs holding 1.2M routes): never
/// from unit tests. A set is moved into place only when complete, so a killed run leaves no half.
/// </summary>
public static class BenchmarkMrtCache
{
    public const string DefaultRoot = "/tmp/grid-bench-cache";
    private const string ManifestName = "manifest.txt";

    /// <summary>The cached files for <paramref name="spec"/>, or null when they were never made.</summary>
    public static BenchmarkMrtFiles? Find(BenchmarkMrtSpec spec, string root = DefaultRoot)
    {
        var files = FilesIn(Path.Combine(root, spec.Key));
        return File.Exists(files.ManifestFile) ? files : null;
    }

    /// <summary>The cached files for <paramref name="spec"/>, made with the lab first if needed.</summary>
    public static async Task<BenchmarkMrtFiles> GetOrCreateAsync(BenchmarkMrtSpec spec, string root = DefaultRoot, TextWriter? progress = null)
    {
        if (Find(spec, root) is { } cached)
        {
            return cached;
        }
        Directory.CreateDirectory(root);
        var partial = Path.Combine(root, $"{spec.Key}.partial-{Environment.ProcessId}");
        try
        {
            var clock = Stopwatch.StartNew();
            var set = spec.CreateSet();
            progress?.WriteLine($"generated {set.Description} in {clock.Elapsed.TotalSeconds:0.0} s; running BIRD");
            using var capture = await MrtCapture.RecordAsync(BgpDaemon.Bird, set, new CaptureOptions { Withdraw = spec.Withdraw, OutputDirectory = partial });
            var files = FilesIn(partial);
            File.Move(capture.RibDumpFile, files.RibDumpFile);
            File.Move(capture.UpdatesFile, files.UpdatesFile);
            await File.WriteAllTextAsync(files.ManifestFile, Manifest(spec, set, files, clock.Elapsed));
            progress?.WriteLine($"captured in {clock.Elapsed.TotalSeconds:0.0} s");
            Directory.Move(partial, Path.Combine(root, spec.Key));
        }
        catch (IOException) when (Find(spec, root) is not null)
        {
            // Another run finished the same set first: use theirs.
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
        return Find(spec, root) ?? throw new InvalidOperationException($"Benchmark MRT files for {spec.Key} were not written.");
    }

    private static BenchmarkMrtFiles FilesIn(string directory) => new(
        directory,
        Path.Combine(directory, "bird-rib.mrt"),
        Path.Combine(directory, "bird-updates.mrt"),
        Path.Combine(directory, ManifestName));

    // Provenance next to the data: what made it and what it holds.
    private static string Manifest(BenchmarkMrtSpec spec, CountryPrefixSet set, BenchmarkMrtFiles files, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"made by Grid.Testing.Lab.BenchmarkMrtCache (format {BenchmarkMrtSpec.Format}) on {DateTimeOffset.UtcNow:u} in {elapsed.TotalSeconds:0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"routes: {set.Description}; announced by BIRD AS{BgpLab.SpeakerAsn} {BgpLab.SpeakerAddress}");
        text.AppendLine(CultureInfo.InvariantCulture, $"sequence: announce all, withdraw {spec.Withdraw}, announce {spec.Withdraw} again, then `mrt dump table \"master*\"`");
        foreach (var file in new[] { files.RibDumpFile, files.UpdatesFile })
        {
            var kinds = MrtRecordHeader.CountByName(file);
            text.AppendLine(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}: {new FileInfo(file).Length} bytes; {string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}");
        }
        return text.ToString();
    }
}
